namespace Dynamo.Actors.Remote.Transport.InMemory;

/// <summary><see cref="ITransport"/> over an <see cref="InMemoryNetwork"/>: no sockets, no framing, same association semantics.</summary>
public sealed class InMemoryTransport(InMemoryNetwork network) : ITransport
{
    private readonly List<InMemoryAssociation> _associations = new();
    private Address? _bound;

    /// <inheritdoc />
    public Task<Address> ListenAsync(Address localAddress, Action<IAssociation> onInbound, CancellationToken cancellationToken = default)
    {
        if (_bound is not null) throw new InvalidOperationException($"Already listening on {_bound}.");
        _bound = network.Bind(localAddress, association =>
        {
            Track(association);
            onInbound(association);
        });
        return Task.FromResult(_bound);
    }

    /// <inheritdoc />
    public Task<IAssociation> AssociateAsync(Address remoteAddress, CancellationToken cancellationToken = default)
    {
        try
        {
            var association = network.Connect(_bound ?? new Address(remoteAddress.Protocol, "", "in-memory", 0), remoteAddress);
            Track(association);
            return Task.FromResult(association);
        }
        catch (IOException e)
        {
            return Task.FromException<IAssociation>(e);
        }
    }

    /// <summary>Stops listening and aborts every association of this transport.</summary>
    public ValueTask DisposeAsync()
    {
        if (_bound is not null) network.Unbind(_bound);
        InMemoryAssociation[] open;
        lock (_associations) open = _associations.ToArray();
        foreach (var association in open) association.Abort("transport shut down");
        return ValueTask.CompletedTask;
    }

    private void Track(IAssociation association)
    {
        lock (_associations)
        {
            _associations.RemoveAll(a => !a.IsOpen);
            _associations.Add((InMemoryAssociation)association);
        }
    }
}
