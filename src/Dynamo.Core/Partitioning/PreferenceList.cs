using System.Collections.Immutable;

namespace Dynamo.Core.Partitioning;

/// <summary>
/// The nodes responsible for a key: walking clockwise from the key's partition, the first N
/// distinct owners are the primaries; for a sloppy quorum, unreachable primaries are replaced by
/// the next reachable nodes further round the ring, each marked with the owner it stands in for
/// (as riak_core_apl does).
/// </summary>
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
    /// The first <paramref name="n"/> distinct owners clockwise from <paramref name="partition"/>,
    /// each with the partition at which the walk met it. Fewer than N when the ring has fewer members.
    /// </summary>
    public static PreferenceList ForPartition(Ring ring, int partition, int n)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        _ = ring.OwnerOf(partition);
        var owners = ring.Owners;
        var entries = ImmutableArray.CreateBuilder<PreferenceListEntry>(Math.Min(n, ring.Members.Length));
        for (var k = 0; k < owners.Length && entries.Count < n; k++)
        {
            var p = (partition + k) % owners.Length;
            var owner = owners[p];
            if (!Contains(entries, owner))
            {
                entries.Add(PreferenceListEntry.Primary(p, owner));
            }
        }

        return new PreferenceList(partition, entries.ToImmutable());
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

    // N is small (3 by default), so a linear scan beats allocating a set per lookup.
    private static bool Contains(ImmutableArray<PreferenceListEntry>.Builder entries, string node)
    {
        foreach (var e in entries)
        {
            if (string.Equals(e.Node, node, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
