using Dynamo.Core.Causality;

namespace Dynamo.Core.Siblings;

/// <summary>
/// The versioned object a replica stores for one key: its causally-maximal siblings, tombstones
/// included, tracked by a <see cref="DottedVersionVectorSet{T}"/>. Immutable.
/// </summary>
public sealed class SiblingSet : IEquatable<SiblingSet>
{
    private SiblingSet(DottedVersionVectorSet<Sibling> versions) => Versions = versions;

    /// <summary>A key never written.</summary>
    public static SiblingSet Empty { get; } = new(DottedVersionVectorSet<Sibling>.Empty);

    /// <summary>The underlying dotted version vector set.</summary>
    public DottedVersionVectorSet<Sibling> Versions { get; }

    /// <summary>The surviving siblings; more than one means concurrent writes to reconcile.</summary>
    public IReadOnlyList<Sibling> Siblings => Versions.Values;

    /// <summary>Whether no value was ever written (or every value is gone).</summary>
    public bool IsEmpty => Versions.Count == 0;

    /// <summary>Whether every sibling is a delete marker: the key reads as not found.</summary>
    public bool IsDeleted => Versions.Count > 0 && Siblings.All(s => s.IsTombstone);

    /// <summary>The context a read returns: it covers every sibling now in the set.</summary>
    public CausalContext Context => new(Versions.Join());

    /// <summary>Wraps an existing dotted version vector set.</summary>
    public static SiblingSet FromVersions(DottedVersionVectorSet<Sibling> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        return new SiblingSet(versions);
    }

    /// <summary>
    /// A client write through <paramref name="coordinator"/>: siblings the context saw are
    /// superseded, unseen ones stay, and <paramref name="value"/> is added with a new dot.
    /// </summary>
    public SiblingSet Update(CausalContext context, Sibling value, string coordinator)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(value);
        return new SiblingSet(Versions.Update(context.Vector, value, coordinator));
    }

    /// <summary>A delete: a tombstone written like any value, so it replicates and wins causally.</summary>
    public SiblingSet Delete(CausalContext context, long timestamp, string coordinator) =>
        Update(context, Sibling.Tombstone(timestamp), coordinator);

    /// <summary>Merges another replica's set (read repair, handoff, anti-entropy); order-independent.</summary>
    public SiblingSet Sync(SiblingSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new SiblingSet(Versions.Sync(other.Versions));
    }

    /// <summary>Whether <paramref name="other"/> already holds everything this set could add to it.</summary>
    public bool IsCoveredBy(SiblingSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Versions.IsCoveredBy(other.Versions);
    }

    /// <summary>The sibling last-write-wins would keep, or null when the set is empty.</summary>
    public Sibling? LastWriteWinsWinner() =>
        Siblings.Count == 0 ? null : Siblings.Aggregate((a, b) => LastWriteWinsComparer.Instance.Compare(b, a) > 0 ? b : a);

    /// <summary>
    /// For last-write-wins buckets: the winner by timestamp rewritten by <paramref name="coordinator"/>
    /// with the full context, so it supersedes the other siblings everywhere. Discards concurrent
    /// updates by design.
    /// </summary>
    public SiblingSet ResolveLastWriteWins(string coordinator) =>
        new(Versions.Reconcile(values => values.Aggregate((a, b) => LastWriteWinsComparer.Instance.Compare(b, a) > 0 ? b : a), coordinator));

    /// <inheritdoc />
    public bool Equals(SiblingSet? other) => other is not null && Versions.Equals(other.Versions);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SiblingSet);

    /// <inheritdoc />
    public override int GetHashCode() => Versions.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => Versions.ToString();
}
