namespace Dynamo.Actors.Remote.Watching;

/// <summary>A remote watcher's liveness probe to the remote watcher of a system whose actors it watches.</summary>
internal sealed record RemoteWatcherHeartbeat
{
    public static readonly RemoteWatcherHeartbeat Instance = new();
}
