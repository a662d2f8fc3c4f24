using System.Collections.Immutable;

namespace Dynamo.Actors.Cluster;

/// <summary>
/// The version of a gossip: one counter per node that changed it. Immutable, with value equality.
/// </summary>
/// <remarks>
/// This clock versions cluster membership only, as Akka.Cluster's does; the clocks that version stored
/// values live in Dynamo.Core and follow their own rules. A missing entry counts as zero.
/// </remarks>
public sealed class VectorClock : IEquatable<VectorClock>
{
    /// <summary>The version of a gossip nobody has changed yet.</summary>
    public static readonly VectorClock Empty = new(ImmutableSortedDictionary.Create<string, long>(StringComparer.Ordinal));

    private VectorClock(ImmutableSortedDictionary<string, long> versions) => Versions = versions;

    /// <summary>The counter of every node that has an entry, ordered by node name.</summary>
    public ImmutableSortedDictionary<string, long> Versions { get; }

    /// <summary>Builds a clock from explicit counters.</summary>
    /// <exception cref="ArgumentException">A node name is empty or a counter is not positive.</exception>
    public static VectorClock Create(IEnumerable<KeyValuePair<string, long>> versions)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        foreach (var (node, counter) in versions)
        {
            if (string.IsNullOrEmpty(node)) throw new ArgumentException("A vector clock node name must not be empty.", nameof(versions));
            if (counter <= 0) throw new ArgumentException($"Vector clock counter for '{node}' must be positive, was {counter}.", nameof(versions));
            if (builder.ContainsKey(node)) throw new ArgumentException($"Vector clock node '{node}' appears twice.", nameof(versions));
            builder.Add(node, counter);
        }
        return new VectorClock(builder.ToImmutable());
    }

    /// <summary>The counter of <paramref name="node"/>, zero when it has none.</summary>
    public long this[string node] => Versions.TryGetValue(node, out var v) ? v : 0;

    /// <summary>This clock with <paramref name="node"/>'s counter advanced by one.</summary>
    public VectorClock Increment(string node)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        return new VectorClock(Versions.SetItem(node, checked(this[node] + 1)));
    }

    /// <summary>The least clock at or after both: the larger counter of every node.</summary>
    public VectorClock Merge(VectorClock other)
    {
        var merged = Versions;
        foreach (var (node, counter) in other.Versions)
            if (counter > this[node]) merged = merged.SetItem(node, counter);
        return ReferenceEquals(merged, Versions) ? this : new VectorClock(merged);
    }

    /// <summary>This clock without <paramref name="node"/>'s entry (used once that node is removed from the cluster).</summary>
    public VectorClock Prune(string node) => Versions.ContainsKey(node) ? new VectorClock(Versions.Remove(node)) : this;

    /// <summary>How this clock relates to <paramref name="other"/>.</summary>
    public VectorClockOrdering CompareTo(VectorClock other)
    {
        bool thisAhead = false, otherAhead = false;
        foreach (var (node, counter) in Versions)
        {
            long theirs = other[node];
            if (counter > theirs) thisAhead = true;
            else if (counter < theirs) otherAhead = true;
        }
        foreach (var (node, counter) in other.Versions)
            if (!Versions.ContainsKey(node) && counter > 0) otherAhead = true;
        return (thisAhead, otherAhead) switch
        {
            (false, false) => VectorClockOrdering.Same,
            (true, false) => VectorClockOrdering.After,
            (false, true) => VectorClockOrdering.Before,
            _ => VectorClockOrdering.Concurrent,
        };
    }

    /// <summary>True when this clock happened strictly before <paramref name="other"/>.</summary>
    public bool IsBefore(VectorClock other) => CompareTo(other) == VectorClockOrdering.Before;

    /// <inheritdoc />
    public bool Equals(VectorClock? other) => other is not null && CompareTo(other) == VectorClockOrdering.Same;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is VectorClock v && Equals(v);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (node, counter) in Versions)
        {
            hash.Add(node, StringComparer.Ordinal);
            hash.Add(counter);
        }
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => "VectorClock(" + string.Join(", ", Versions.Select(kv => $"{kv.Key} -> {kv.Value}")) + ")";
}
