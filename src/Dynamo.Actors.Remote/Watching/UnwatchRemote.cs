namespace Dynamo.Actors.Remote.Watching;

/// <summary>A local <paramref name="Watcher"/> stops watching the remote <paramref name="Watchee"/>.</summary>
internal sealed record UnwatchRemote(IActorRef Watchee, IActorRef Watcher);
