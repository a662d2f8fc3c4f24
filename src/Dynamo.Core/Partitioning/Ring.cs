using System.Collections.Immutable;

namespace Dynamo.Core.Partitioning;

/// <summary>
/// The ring of Q equal partitions and the node that owns each one (the paper's strategy 3).
/// Immutable: a membership change produces a new ring through <see cref="Claimant"/>.
/// </summary>
/// <remarks>
/// Partition <c>i</c> covers ring positions <c>[i·2^128/Q, (i+1)·2^128/Q)</c>, so the
/// partition of a position is its top log2(Q) bits.
/// </remarks>
public sealed class Ring
{
    private readonly ImmutableArray<string> _owners;
    private readonly int _bits;

    /// <summary>Builds a ring from an owner per partition and the member list.</summary>
    /// <param name="members">Every member node, including members that own no partition.</param>
    /// <param name="owners">The owner of each partition, in partition order; its length is Q.</param>
    /// <exception cref="ArgumentException">Q is not valid, or an owner is not a member.</exception>
    public Ring(IEnumerable<string> members, IEnumerable<string> owners)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(owners);
        Members = NodeIds.Normalize(members, nameof(members));
        _owners = [.. owners];
        RingSize.Validate(_owners.Length, nameof(owners));
        var known = Members.ToHashSet(StringComparer.Ordinal);
        foreach (var owner in _owners)
        {
            if (owner is null || !known.Contains(owner))
            {
                throw new ArgumentException($"Partition owner '{owner}' is not a member of the ring.", nameof(owners));
            }
        }

        _bits = RingSize.Bits(_owners.Length);
        OwnerCount = _owners.Distinct(StringComparer.Ordinal).Count();
    }

    /// <summary>Q, the number of partitions.</summary>
    public int PartitionCount => _owners.Length;

    /// <summary>Member node ids in ordinal order.</summary>
    public ImmutableArray<string> Members { get; }

    /// <summary>How many members own at least one partition: the most replicas a key can have on distinct nodes.</summary>
    public int OwnerCount { get; }

    /// <summary>The owner of each partition, in partition order.</summary>
    public ImmutableArray<string> Owners => _owners;

    /// <summary>The node that owns <paramref name="partition"/>.</summary>
    public string OwnerOf(int partition) => _owners[CheckPartition(partition)];

    /// <summary>The partition holding ring position <paramref name="hash"/>: its top log2(Q) bits.</summary>
    public int PartitionOf(UInt128 hash) => _bits == 0 ? 0 : (int)(hash >> (128 - _bits));

    /// <summary>The partition of a key in a bucket (see <see cref="RingHash"/>).</summary>
    public int PartitionOf(ReadOnlySpan<byte> bucket, ReadOnlySpan<byte> key) => PartitionOf(RingHash.Of(bucket, key));

    /// <summary>The first ring position of <paramref name="partition"/>.</summary>
    public UInt128 StartOf(int partition) =>
        _bits == 0 ? UInt128.Zero : (UInt128)(uint)CheckPartition(partition) << (128 - _bits);

    /// <summary>The partitions <paramref name="node"/> owns, in ring order.</summary>
    public IReadOnlyList<int> PartitionsOf(string node)
    {
        var result = new List<int>();
        for (var i = 0; i < _owners.Length; i++)
        {
            if (string.Equals(_owners[i], node, StringComparison.Ordinal))
            {
                result.Add(i);
            }
        }

        return result;
    }

    /// <summary>How many partitions have a different owner in <paramref name="other"/>.</summary>
    /// <exception cref="ArgumentException">The rings have different partition counts.</exception>
    public int CountMoves(Ring other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.PartitionCount != PartitionCount)
        {
            throw new ArgumentException("Rings with different partition counts cannot be compared.", nameof(other));
        }

        var moved = 0;
        for (var i = 0; i < _owners.Length; i++)
        {
            if (!string.Equals(_owners[i], other._owners[i], StringComparison.Ordinal))
            {
                moved++;
            }
        }

        return moved;
    }

    /// <summary>
    /// Windows of <paramref name="n"/> consecutive partitions (wrapping around) whose owners are
    /// not all distinct, identified by their first partition. Empty when the claim met target N.
    /// </summary>
    public IReadOnlyList<int> WindowsWithRepeatedOwner(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var result = new List<int>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var start = 0; start < _owners.Length; start++)
        {
            seen.Clear();
            for (var d = 0; d < n; d++)
            {
                if (!seen.Add(_owners[(start + d) % _owners.Length]))
                {
                    result.Add(start);
                    break;
                }
            }
        }

        return result;
    }

    private int CheckPartition(int partition)
    {
        if ((uint)partition >= (uint)_owners.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(partition), partition,
                $"A partition index must be between 0 and {_owners.Length - 1}.");
        }

        return partition;
    }
}
