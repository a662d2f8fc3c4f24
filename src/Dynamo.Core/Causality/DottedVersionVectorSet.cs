using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Dynamo.Core.Causality;

/// <summary>
/// A dotted version vector set (Preguiça, Baquero et al.; Riak's dvvset): the causally maximal
/// values of one key, each tagged with the dot of the write that made it, plus the version vector
/// of everything the replica has seen. Immutable.
/// </summary>
/// <remarks>
/// Why not a vector clock per value: two writes that reach the same coordinator with the same
/// context get distinct dots here, so neither is mistaken for a successor of the other and both
/// survive as siblings; and a write only removes the values its context had seen, so siblings
/// are bounded by the number of truly concurrent writers. Entries are kept in ordinal node order
/// and values newest first, so equal histories have equal representations.
/// Values written without a coordinator (anonymous values in dvvset) are not supported: in this
/// store every write is coordinated by a node.
/// </remarks>
/// <typeparam name="T">The value type; equality of values is only used by <see cref="Equals(DottedVersionVectorSet{T}?)"/>.</typeparam>
public sealed class DottedVersionVectorSet<T> : IEquatable<DottedVersionVectorSet<T>>
{
    private DottedVersionVectorSet(ImmutableArray<DvvSetEntry<T>> entries) => Entries = entries;

    /// <summary>No history, no values.</summary>
    public static DottedVersionVectorSet<T> Empty { get; } = new([]);

    /// <summary>Per-node entries in ordinal node order.</summary>
    public ImmutableArray<DvvSetEntry<T>> Entries { get; }

    /// <summary>The surviving values, by node, newest first.</summary>
    public IReadOnlyList<T> Values => [.. Entries.SelectMany(e => e.Values)];

    /// <summary>The surviving values with their dots.</summary>
    public IEnumerable<(Dot Dot, T Value)> DottedValues =>
        Entries.SelectMany(e => e.Values.Select((v, i) => (e.DotOf(i), v)));

    /// <summary>How many values survive (1 = no conflict).</summary>
    public int Count => Entries.Sum(e => e.Values.Length);

    /// <summary>Rebuilds a set from its entries (e.g. after deserialization), checking the invariants.</summary>
    /// <exception cref="ArgumentException">Duplicate or empty node ids, counters below 1, or more values than counter.</exception>
    public static DottedVersionVectorSet<T> From(IEnumerable<DvvSetEntry<T>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        // Sets come back from storage and the wire already in node order, so sort only when they are not: every
        // read deserializes one, and OrderBy's buffers were a visible share of a node's allocations.
        var array = entries.ToArray();
        if (!InNodeOrder(array))
        {
            // Unstable, but equal nodes are rejected below whichever comes first.
            Array.Sort(array, static (a, b) => string.CompareOrdinal(a.Node, b.Node));
        }
        var sorted = ImmutableCollectionsMarshal.AsImmutableArray(array);
        for (var i = 0; i < sorted.Length; i++)
        {
            var e = sorted[i];
            if (string.IsNullOrEmpty(e.Node) || e.Counter < 1 || e.Values.IsDefault || e.Values.Length > e.Counter)
            {
                throw new ArgumentException(
                    $"Entry for '{e.Node}' needs a node id, a counter of at least 1 and no more values than its counter.",
                    nameof(entries));
            }

            if (i > 0 && sorted[i - 1].Node == e.Node)
            {
                throw new ArgumentException($"Node '{e.Node}' appears twice.", nameof(entries));
            }
        }

        return new DottedVersionVectorSet<T>(sorted);
    }

    private static bool InNodeOrder(DvvSetEntry<T>[] entries)
    {
        for (var i = 1; i < entries.Length; i++)
        {
            if (string.CompareOrdinal(entries[i - 1].Node, entries[i].Node) > 0) return false;
        }
        return true;
    }

    /// <summary>
    /// The causal context of a read: everything this replica has seen, as a version vector. A write
    /// carrying this context supersedes every value now in the set.
    /// </summary>
    public VersionVector Join() =>
        VersionVector.FromSorted([.. Entries.Select(e => new Dot(e.Node, e.Counter))]);

    /// <summary>
    /// A write of <paramref name="value"/> with client context <paramref name="context"/>,
    /// coordinated by <paramref name="coordinator"/>: values the context has seen are dropped,
    /// the others stay as siblings, and the new value gets the coordinator's next dot.
    /// </summary>
    public DottedVersionVectorSet<T> Update(VersionVector context, T value, string coordinator)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrEmpty(coordinator);
        var discarded = Discard(context);
        var entries = discarded.Entries;
        var index = NodeEntries.IndexOf(entries, coordinator);
        if (index >= 0)
        {
            var e = entries[index];
            return new([.. entries.SetItem(index, new DvvSetEntry<T>(coordinator, e.Counter + 1, e.Values.Insert(0, value)))]);
        }

        return new([.. entries.Insert(~index, new DvvSetEntry<T>(coordinator, 1, [value]))]);
    }

    /// <summary>
    /// Drops the values <paramref name="context"/> has seen and raises the known history to
    /// include the context.
    /// </summary>
    public DottedVersionVectorSet<T> Discard(VersionVector context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = ImmutableArray.CreateBuilder<DvvSetEntry<T>>(Entries.Length + context.Entries.Length);
        int i = 0, j = 0;
        while (i < Entries.Length || j < context.Entries.Length)
        {
            var c = i == Entries.Length ? 1 : j == context.Entries.Length ? -1
                : string.CompareOrdinal(Entries[i].Node, context.Entries[j].Node);
            if (c < 0)
            {
                result.Add(Entries[i++]);
            }
            else if (c > 0)
            {
                var dot = context.Entries[j++];
                result.Add(new DvvSetEntry<T>(dot.Node, dot.Counter, []));
            }
            else
            {
                var e = Entries[i++];
                var seen = context.Entries[j++].Counter;
                // Values have dots Counter, Counter-1, ...; the ones above what the context saw survive.
                var keep = (int)Math.Clamp(e.Counter - seen, 0, e.Values.Length);
                result.Add(new DvvSetEntry<T>(e.Node, Math.Max(e.Counter, seen), keep == e.Values.Length ? e.Values : e.Values[..keep]));
            }
        }

        return new(result.ToImmutable());
    }

    /// <summary>
    /// Merges two replicas' sets: a value survives if both hold it or if the other replica has not
    /// seen its dot. Commutative, associative and idempotent, so replicas converge whatever the
    /// order of delivery.
    /// </summary>
    public DottedVersionVectorSet<T> Sync(DottedVersionVectorSet<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(NodeEntries.MergeSorted(Entries, other.Entries, Merge));
    }

    /// <summary>
    /// Replaces all current values by <paramref name="resolve"/>(values), written as a new event
    /// by <paramref name="coordinator"/> whose context is everything seen: the resolved value
    /// supersedes every sibling on every replica it reaches (dvvset's reconcile). Used for
    /// last-write-wins buckets; it loses concurrent updates by design.
    /// </summary>
    public DottedVersionVectorSet<T> Reconcile(Func<IReadOnlyList<T>, T> resolve, string coordinator)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        return Count <= 1 ? this : Update(Join(), resolve(Values), coordinator);
    }

    /// <summary>Whether <paramref name="other"/> has seen everything this set holds, so syncing this into it changes nothing.</summary>
    public bool IsCoveredBy(DottedVersionVectorSet<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.Sync(this).Equals(other);
    }

    /// <summary>Same entries, same counters and equal values in the same order.</summary>
    public bool Equals(DottedVersionVectorSet<T>? other)
    {
        if (other is null || other.Entries.Length != Entries.Length)
        {
            return false;
        }

        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < Entries.Length; i++)
        {
            var (a, b) = (Entries[i], other.Entries[i]);
            if (a.Node != b.Node || a.Counter != b.Counter || a.Values.Length != b.Values.Length)
            {
                return false;
            }

            for (var k = 0; k < a.Values.Length; k++)
            {
                if (!comparer.Equals(a.Values[k], b.Values[k]))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as DottedVersionVectorSet<T>);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var e in Entries)
        {
            hash.Add(e.Node, StringComparer.Ordinal);
            hash.Add(e.Counter);
            hash.Add(e.Values.Length);
        }

        return hash.ToHashCode();
    }

    /// <summary>Debug form: <c>{(A,2):[v2,v1] (B,1):[]}</c>.</summary>
    public override string ToString() =>
        "{" + string.Join(" ", Entries.Select(e => $"({e.Node},{e.Counter}):[{string.Join(",", e.Values)}]")) + "}";

    private static DvvSetEntry<T> Merge(DvvSetEntry<T> a, DvvSetEntry<T> b)
    {
        if (a.Counter < b.Counter)
        {
            (a, b) = (b, a);
        }

        // a knows at least as much; its values whose dots b never saw, or that b still holds, survive.
        // b's values are all seen by a, and those a no longer holds were overwritten.
        var oldestInB = b.Counter - b.Values.Length;
        var keep = (int)Math.Min(a.Values.Length, a.Counter - oldestInB);
        return keep == a.Values.Length ? a : a with { Values = a.Values[..keep] };
    }
}
