namespace Dynamo.Cli.Ring;

/// <summary>How many partitions one node owns.</summary>
/// <param name="Node">The node's id.</param>
/// <param name="Partitions">Partitions it owns.</param>
public sealed record RingOwnerSummary(string Node, int Partitions);
