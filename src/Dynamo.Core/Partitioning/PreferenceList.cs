using System.Collections.Immutable;

namespace Dynamo.Core.Partitioning;

/// <summary>
/// The replicas of a key: the key's partition and the N - 1 partitions after it clockwise, each
/// held by its owner, as riak_core_apl builds them; for a sloppy quorum, unreachable primaries are
/// replaced by the next reachable nodes further round the ring, each marked with the owner it
/// stands in for.
/// </summary>
/// <remarks>
/// A key's replicas are ring positions, not the first N distinct owners the paper's walk would
/// pick: which partitions replicate a key then never changes with membership, so moving whole
/// partitions (ownership handoff) is all a join or leave needs to keep every replica filled. The
/// walk would put a key on a partition it skipped before whenever a join or leave changed the
/// owners around it, and that partition's vnode holds nothing of the key. The claim keeps every
/// window of N partitions on N distinct nodes wherever that is possible at all
/// (<see cref="Ring.WindowsWithRepeatedOwner"/> names the few windows where it is not, such as
/// some on three nodes when three does not divide Q); a key there has two replicas on one node.
/// </remarks>
public sealed class PreferenceList
{
    private PreferenceList(int keyPartition, ImmutableArray<PreferenceListEntry> entries)
    {
        KeyPartition = keyPartition;
        Entries = entries;
    }

    /// <summary>The partition the key hashes into.</summary>
    public int KeyPartition { get; }

    /// <summary>Replica slots in preference order: primaries first, fallbacks after.</summary>
    public ImmutableArray<PreferenceListEntry> Entries { get; }

    /// <summary>The entries that are primaries.</summary>
    public IEnumerable<PreferenceListEntry> Primaries => Entries.Where(e => !e.IsFallback);

    /// <summary>The entries that are fallbacks.</summary>
    public IEnumerable<PreferenceListEntry> Fallbacks => Entries.Where(e => e.IsFallback);

    /// <summary>
    /// <paramref name="partition"/> and the partitions after it clockwise, <paramref name="n"/> in all,
    /// each with its owner. Fewer than N when fewer members than N own partitions: a ring of two
    /// nodes keeps two replicas, not three on two nodes.
    /// </summary>
    public static PreferenceList ForPartition(Ring ring, int partition, int n)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        _ = ring.OwnerOf(partition);
        var owners = ring.Owners;
        var count = Math.Min(n, ring.OwnerCount);
        var entries = ImmutableArray.CreateBuilder<PreferenceListEntry>(count);
        for (var k = 0; k < count; k++)
        {
            var p = (partition + k) % owners.Length;
            entries.Add(PreferenceListEntry.Primary(p, owners[p]));
        }

        return new PreferenceList(partition, entries.MoveToImmutable());
    }

    /// <summary>The primaries for a ring position.</summary>
    public static PreferenceList ForHash(Ring ring, UInt128 hash, int n)
    {
        ArgumentNullException.ThrowIfNull(ring);
        return ForPartition(ring, ring.PartitionOf(hash), n);
    }

    /// <summary>
    /// The sloppy-quorum list: reachable primaries keep their slot; each unreachable primary's
    /// slot (same partition) goes to the next reachable node clockwise that is not already in the
    /// list, marked as a fallback standing in for that primary. Slots with no reachable stand-in
    /// are left out, so the list can be shorter than N.
    /// </summary>
    /// <param name="ring">The ring.</param>
    /// <param name="partition">The key's partition.</param>
    /// <param name="n">Replicas wanted.</param>
    /// <param name="isReachable">Whether a node is currently considered up.</param>
    public static PreferenceList Sloppy(Ring ring, int partition, int n, Func<string, bool> isReachable)
    {
        ArgumentNullException.ThrowIfNull(isReachable);
        var primaries = ForPartition(ring, partition, n).Entries;
        var used = new HashSet<string>(primaries.Select(e => e.Node), StringComparer.Ordinal);
        var entries = ImmutableArray.CreateBuilder<PreferenceListEntry>(n);
        var down = new Queue<PreferenceListEntry>();
        foreach (var entry in primaries)
        {
            if (isReachable(entry.Node))
            {
                entries.Add(entry);
            }
            else
            {
                down.Enqueue(entry);
            }
        }

        // Fallbacks come from beyond the primaries, so a key's stand-ins are stable while the same nodes are down.
        var start = primaries.Length == 0 ? partition : primaries[^1].Partition + 1;
        for (var k = 0; k < ring.PartitionCount && down.Count > 0; k++)
        {
            var node = ring.OwnerOf((start + k) % ring.PartitionCount);
            if (!used.Contains(node) && isReachable(node))
            {
                used.Add(node);
                var missing = down.Dequeue();
                entries.Add(PreferenceListEntry.Fallback(missing.Partition, node, missing.Node));
            }
        }

        return new PreferenceList(partition, entries.ToImmutable());
    }
}
