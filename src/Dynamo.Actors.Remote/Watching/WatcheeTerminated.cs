namespace Dynamo.Actors.Remote.Watching;

/// <summary>The remote <paramref name="Watchee"/> reported its own stop; no need to watch its system for it any more.</summary>
internal sealed record WatcheeTerminated(IActorRef Watchee);
