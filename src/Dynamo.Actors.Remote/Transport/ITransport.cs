namespace Dynamo.Actors.Remote.Transport;

/// <summary>
/// Moves frames between actor-system addresses. Owned by the remoting layer so that TCP, a fault-injecting
/// decorator or a simulated network can stand behind the same association protocol. A transport knows nothing
/// of handshakes, incarnations or serialization: it only opens connections and carries opaque, ordered frames.
/// </summary>
public interface ITransport : IAsyncDisposable
{
    /// <summary>
    /// Starts accepting associations on <paramref name="localAddress"/> (port 0 = any free port) and returns the
    /// address actually bound. Each accepted association is handed to <paramref name="onInbound"/>, which must call
    /// <see cref="IAssociation.Start"/> to begin receiving its frames.
    /// </summary>
    Task<Address> ListenAsync(Address localAddress, Action<IAssociation> onInbound, CancellationToken cancellationToken = default);

    /// <summary>Opens an association to <paramref name="remoteAddress"/>; throws when the peer cannot be reached in time.</summary>
    Task<IAssociation> AssociateAsync(Address remoteAddress, CancellationToken cancellationToken = default);
}
