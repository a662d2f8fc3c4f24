namespace Dynamo.Actors.Dispatch.SysMsg;

/// <summary><paramref name="Watcher"/> no longer wants to hear about <paramref name="Watchee"/>.</summary>
public sealed record Unwatch(IActorRef Watchee, IActorRef Watcher) : ISystemMessage;
