namespace Dynamo.Core.Causality;

/// <summary>
/// A (node, counter) pair: as a dot it names one update event; as a version-vector entry it says
/// that node's first <see cref="Counter"/> events are known.
/// </summary>
/// <param name="Node">The coordinating node id.</param>
/// <param name="Counter">The event number, from 1.</param>
public readonly record struct Dot(string Node, long Counter) : INodeEntry
{
    /// <summary>Paper notation, e.g. <c>(Sx,2)</c>.</summary>
    public override string ToString() => $"({Node},{Counter})";
}
