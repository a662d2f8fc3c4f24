using System.Collections.Immutable;

namespace Dynamo.Core.Causality;

/// <summary>
/// A version vector: for each node, how many of its events are known. This is the causal context
/// a read returns and a write supplies. Immutable, entries in ordinal node order, counters ≥ 1.
/// </summary>
public sealed class VersionVector : IEquatable<VersionVector>
{
    private VersionVector(ImmutableArray<Dot> entries) => Entries = entries;

    /// <summary>Knows nothing: the context of a blind write.</summary>
    public static VersionVector Empty { get; } = new([]);

    /// <summary>Entries in ordinal node order.</summary>
    public ImmutableArray<Dot> Entries { get; }

    /// <summary>Builds a vector; rejects duplicate or empty node ids and counters below 1.</summary>
    public static VersionVector From(IEnumerable<Dot> entries)
    {
        var sorted = NodeEntries.SortAndValidate(entries, "a version vector");
        return new VersionVector(sorted);
    }

    /// <summary>Trusted construction from entries already sorted, distinct and positive.</summary>
    internal static VersionVector FromSorted(ImmutableArray<Dot> entries) => entries.IsEmpty ? Empty : new(entries);

    /// <summary>The counter known for <paramref name="node"/>, 0 if none.</summary>
    public long CounterOf(string node)
    {
        foreach (var e in Entries)
        {
            if (string.Equals(e.Node, node, StringComparison.Ordinal))
            {
                return e.Counter;
            }
        }

        return 0;
    }

    /// <summary>Whether the event <paramref name="dot"/> is part of this history.</summary>
    public bool Contains(Dot dot) => dot.Counter <= CounterOf(dot.Node);

    /// <summary>The least upper bound: each node's larger counter.</summary>
    public VersionVector Merge(VersionVector other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new VersionVector(NodeEntries.MergeSorted(Entries, other.Entries, static (a, b) => a.Counter >= b.Counter ? a : b));
    }

    /// <summary>The causal relation of this vector to <paramref name="other"/>.</summary>
    public CausalOrder Compare(VersionVector other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return NodeEntries.Compare(Entries, other.Entries);
    }

    /// <summary>Whether this history includes all of <paramref name="other"/>.</summary>
    public bool Descends(VersionVector other) => Compare(other) is CausalOrder.After or CausalOrder.Equal;

    /// <inheritdoc />
    public bool Equals(VersionVector? other) => other is not null && Entries.SequenceEqual(other.Entries);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as VersionVector);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var e in Entries)
        {
            hash.Add(e);
        }

        return hash.ToHashCode();
    }

    /// <summary>Paper notation, e.g. <c>[(Sx,2),(Sy,1)]</c>.</summary>
    public override string ToString() => "[" + string.Join(",", Entries) + "]";
}
