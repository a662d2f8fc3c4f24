using System.Collections.Immutable;

namespace Dynamo.Core.Causality;

/// <summary>
/// One node's part of a <see cref="DottedVersionVectorSet{T}"/>: the node's events 1..Counter are
/// known, and the values still alive carry the newest dots, <c>Values[i]</c> having dot
/// (Node, Counter − i).
/// </summary>
/// <param name="Node">The coordinating node id.</param>
/// <param name="Counter">How many of the node's events are known.</param>
/// <param name="Values">Surviving values, newest first; never more than <paramref name="Counter"/>.</param>
public sealed record DvvSetEntry<T>(string Node, long Counter, ImmutableArray<T> Values) : INodeEntry
{
    /// <summary>The dot of <c>Values[index]</c>.</summary>
    public Dot DotOf(int index) => new(Node, Counter - index);
}
