namespace Dynamo.Core.Causality;

/// <summary>An entry of a node-indexed causal structure: the node and how many of its events are counted.</summary>
internal interface INodeEntry
{
    /// <summary>The node id.</summary>
    string Node { get; }

    /// <summary>The node's event count, from 1.</summary>
    long Counter { get; }
}
