using Dynamo.Actors.Remote.Transport;

namespace Dynamo.Actors.Remote.Tests;

/// <summary>A transport that binds nowhere and lets a test hand inbound associations to the remoting directly.</summary>
public sealed class FakeTransport : ITransport
{
    public Action<IAssociation>? OnInbound { get; private set; }

    public Task<Address> ListenAsync(Address localAddress, Action<IAssociation> onInbound, CancellationToken cancellationToken = default)
    {
        OnInbound = onInbound;
        return Task.FromResult(localAddress with { Port = 2552 });
    }

    public Task<IAssociation> AssociateAsync(Address remoteAddress, CancellationToken cancellationToken = default) =>
        Task.FromException<IAssociation>(new IOException("the fake transport does not connect out"));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
