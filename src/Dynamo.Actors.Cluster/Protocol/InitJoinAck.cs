namespace Dynamo.Actors.Cluster.Protocol;

/// <summary>A member's answer to <see cref="InitJoin"/>: join through <paramref name="Address"/>.</summary>
internal sealed record InitJoinAck(Address Address);
