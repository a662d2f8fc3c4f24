using System.Collections.Immutable;

namespace Dynamo.Core.Causality;

/// <summary>
/// A vector clock as in the Dynamo paper (§4.4): (node, counter) pairs, each with the timestamp
/// of that node's last update, so that a clock grown past a size limit can drop its oldest pair.
/// Immutable; entries are kept in ordinal node order.
/// </summary>
/// <remarks>
/// The store itself tracks causality with <see cref="DottedVersionVectorSet{T}"/>: a plain
/// server-side vector clock cannot tell apart two writes that reach the same coordinator with the
/// same context, and so loses one of them. This type exists for the paper's model and for callers
/// that need clocks with truncation.
/// </remarks>
public sealed class VectorClock : IEquatable<VectorClock>
{
    /// <summary>The paper's truncation threshold: a clock keeps at most this many entries by default.</summary>
    public const int DefaultMaxEntries = 10;

    private VectorClock(ImmutableArray<VectorClockEntry> entries) => Entries = entries;

    /// <summary>The clock of an object nobody has written.</summary>
    public static VectorClock Empty { get; } = new([]);

    /// <summary>Entries in ordinal node order.</summary>
    public ImmutableArray<VectorClockEntry> Entries { get; }

    /// <summary>Builds a clock from entries; rejects duplicate nodes and counters below 1.</summary>
    public static VectorClock From(IEnumerable<VectorClockEntry> entries)
    {
        var sorted = NodeEntries.SortAndValidate(entries, "a vector clock");
        return new VectorClock(sorted);
    }

    /// <summary>The counter for <paramref name="node"/>, 0 if absent.</summary>
    public long CounterOf(string node)
    {
        var i = IndexOf(node);
        return i >= 0 ? Entries[i].Counter : 0;
    }

    /// <summary>
    /// The clock after <paramref name="node"/> coordinates one more update at
    /// <paramref name="timestamp"/>, truncated to <paramref name="maxEntries"/> entries.
    /// </summary>
    public VectorClock Increment(string node, long timestamp, int maxEntries = DefaultMaxEntries)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        var i = IndexOf(node);
        var entries = i >= 0
            ? Entries.SetItem(i, new VectorClockEntry(node, Entries[i].Counter + 1, timestamp))
            : Entries.Insert(~i, new VectorClockEntry(node, 1, timestamp));
        return new VectorClock(entries).Truncate(maxEntries, keep: node);
    }

    /// <summary>
    /// Drops the entries with the oldest timestamps until at most <paramref name="maxEntries"/>
    /// remain (ties broken by node id). Truncation can make a descendant look concurrent with its
    /// ancestor — a spurious sibling, never a lost update — which the paper accepts.
    /// </summary>
    public VectorClock Truncate(int maxEntries) => Truncate(maxEntries, keep: null);

    /// <summary>The least upper bound: each node's largest counter, with that entry's timestamp.</summary>
    public VectorClock Merge(VectorClock other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new VectorClock(NodeEntries.MergeSorted(Entries, other.Entries, static (a, b) => a.Counter > b.Counter || (a.Counter == b.Counter && a.Timestamp >= b.Timestamp) ? a : b));
    }

    /// <summary>Whether this clock has seen everything <paramref name="other"/> has (after or equal).</summary>
    public bool Descends(VectorClock other) => Compare(other) is CausalOrder.After or CausalOrder.Equal;

    /// <summary>The causal relation of this clock to <paramref name="other"/>; timestamps play no part.</summary>
    public CausalOrder Compare(VectorClock other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return NodeEntries.Compare(Entries, other.Entries);
    }

    /// <summary>Equal when the (node, counter) pairs match; timestamps are bookkeeping, not history.</summary>
    public bool Equals(VectorClock? other) => other is not null && Compare(other) == CausalOrder.Equal;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as VectorClock);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var e in Entries)
        {
            hash.Add(e.Node, StringComparer.Ordinal);
            hash.Add(e.Counter);
        }

        return hash.ToHashCode();
    }

    /// <summary>Paper notation, e.g. <c>[(Sx,2),(Sy,1)]</c>.</summary>
    public override string ToString() => "[" + string.Join(",", Entries.Select(e => $"({e.Node},{e.Counter})")) + "]";

    private VectorClock Truncate(int maxEntries, string? keep)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        if (Entries.Length <= maxEntries)
        {
            return this;
        }

        var drop = Entries
            .Where(e => e.Node != keep)
            .OrderBy(e => e.Timestamp)
            .ThenBy(e => e.Node, StringComparer.Ordinal)
            .Take(Entries.Length - maxEntries)
            .Select(e => e.Node)
            .ToHashSet(StringComparer.Ordinal);
        return new VectorClock([.. Entries.Where(e => !drop.Contains(e.Node))]);
    }

    private int IndexOf(string node) => NodeEntries.IndexOf(Entries, node);
}
