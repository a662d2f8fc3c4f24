namespace Dynamo.Actors.Remote;

/// <summary>
/// Published on the event stream when the remote watcher gives up on the system at <paramref name="Address"/>
/// (its heartbeats stopped, it was restarted as a new incarnation, or it was quarantined): every watcher of its
/// actors has been sent Terminated with <c>AddressTerminated = true</c>.
/// </summary>
/// <param name="Address">The system that is gone.</param>
/// <param name="Reason">Why it is considered gone.</param>
public sealed record AddressTerminated(Address Address, string Reason);
