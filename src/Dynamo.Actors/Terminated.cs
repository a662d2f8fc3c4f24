namespace Dynamo.Actors;

/// <summary>
/// Told to a watcher when <paramref name="ActorRef"/> has stopped. <paramref name="ExistenceConfirmed"/> is false when
/// the actor was never known to exist; <paramref name="AddressTerminated"/> when its whole system became unreachable.
/// </summary>
public sealed record Terminated(IActorRef ActorRef, bool ExistenceConfirmed, bool AddressTerminated);
