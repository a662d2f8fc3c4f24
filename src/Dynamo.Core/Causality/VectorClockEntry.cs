namespace Dynamo.Core.Causality;

/// <summary>One (node, counter) pair of a vector clock, with the time of that node's last update.</summary>
/// <param name="Node">The node that coordinated the updates counted here.</param>
/// <param name="Counter">How many updates that node coordinated in this object's history.</param>
/// <param name="Timestamp">When the node last advanced its counter (Unix milliseconds); used only to truncate.</param>
public sealed record VectorClockEntry(string Node, long Counter, long Timestamp) : INodeEntry;
