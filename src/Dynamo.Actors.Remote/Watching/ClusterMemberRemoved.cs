namespace Dynamo.Actors.Remote.Watching;

/// <summary>The cluster removed the member at <paramref name="Address"/>: every actor there counts as terminated.</summary>
internal sealed record ClusterMemberRemoved(Address Address);
