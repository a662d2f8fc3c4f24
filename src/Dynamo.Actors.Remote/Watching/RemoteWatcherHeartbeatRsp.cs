namespace Dynamo.Actors.Remote.Watching;

/// <summary>The answer to <see cref="RemoteWatcherHeartbeat"/>, naming the answering incarnation.</summary>
internal sealed record RemoteWatcherHeartbeatRsp(ulong Uid);
