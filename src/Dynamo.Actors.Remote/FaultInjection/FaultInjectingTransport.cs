using Dynamo.Actors.Remote.Transport;

namespace Dynamo.Actors.Remote.FaultInjection;

/// <summary>
/// Decorates a transport with the faults of a shared <see cref="NetworkFaults"/> plan. Faults are applied by the
/// side that opened a connection, in both directions, because only that side knows both system addresses before
/// the handshake; so decorate every node of a test. Lost frames are lost on purpose and not reported as errors.
/// </summary>
public sealed class FaultInjectingTransport(ITransport inner, NetworkFaults faults, TimeProvider? time = null) : ITransport
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private Address? _localAddress;

    /// <inheritdoc />
    public async Task<Address> ListenAsync(Address localAddress, Action<IAssociation> onInbound, CancellationToken cancellationToken = default)
    {
        _localAddress = await inner.ListenAsync(localAddress, onInbound, cancellationToken).ConfigureAwait(false);
        return _localAddress;
    }

    /// <inheritdoc />
    public async Task<IAssociation> AssociateAsync(Address remoteAddress, CancellationToken cancellationToken = default)
    {
        var association = await inner.AssociateAsync(remoteAddress, cancellationToken).ConfigureAwait(false);
        return new FaultInjectingAssociation(association, _localAddress ?? association.LocalAddress, remoteAddress, faults, _time);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
