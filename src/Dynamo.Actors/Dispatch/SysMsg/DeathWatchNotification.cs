namespace Dynamo.Actors.Dispatch.SysMsg;

/// <summary>
/// <paramref name="Actor"/> has stopped (or, when <paramref name="AddressTerminated"/>, its whole system is gone).
/// Turned into a <see cref="Terminated"/> message for watchers, and into child bookkeeping for the parent.
/// </summary>
public sealed record DeathWatchNotification(IActorRef Actor, bool ExistenceConfirmed, bool AddressTerminated) : ISystemMessage;
