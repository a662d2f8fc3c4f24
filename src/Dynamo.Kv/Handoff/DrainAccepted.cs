namespace Dynamo.Kv.Handoff;

/// <summary>The answer to <see cref="DrainNode"/>: the node is draining and will leave once its partitions are handed off.</summary>
/// <param name="Node">The draining node's id.</param>
public sealed record DrainAccepted(string Node);
