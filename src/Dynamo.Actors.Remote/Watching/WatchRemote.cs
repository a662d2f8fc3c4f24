namespace Dynamo.Actors.Remote.Watching;

/// <summary>A local <paramref name="Watcher"/> watches the remote <paramref name="Watchee"/>.</summary>
internal sealed record WatchRemote(IActorRef Watchee, IActorRef Watcher);
