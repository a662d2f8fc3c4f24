namespace Dynamo.Actors.Cluster.Protocol;

/// <summary>The answer to <see cref="InitJoin"/> from a node that is not a member yet.</summary>
internal sealed record InitJoinNack(Address Address);
