namespace Dynamo.Actors.Dispatch.SysMsg;

/// <summary><paramref name="Watcher"/> wants a Terminated notice when <paramref name="Watchee"/> stops.</summary>
public sealed record Watch(IActorRef Watchee, IActorRef Watcher) : ISystemMessage;
