namespace Dynamo.Core.Partitioning;

/// <summary>
/// Assigns the Q partitions of the ring to member nodes, in the spirit of riak_core_claim.
/// </summary>
/// <remarks>
/// Guarantees, for members sorted ordinally:
/// <list type="bullet">
/// <item>Balance: every member owns floor(Q/S) or ceil(Q/S) partitions.</item>
/// <item>Target N: every window of N consecutive partitions (wrapping around) has N distinct
/// owners whenever that is possible at all, i.e. when S ≥ N and ceil(Q/S)·N ≤ Q (a node with
/// c partitions needs c·N slots to keep N apart). Otherwise the claim minimises repeats, nearer
/// repeats first, and no two adjacent partitions share an owner when S ≥ 2 and Q ≥ 2.</item>
/// <item>Little movement: <see cref="Claim"/> starts from the previous ring; departed
/// members' partitions and surplus partitions go to members below their share, so a joiner takes
/// about Q/(S+1) partitions and a leaver's partitions are spread over the rest. A fresh stripe
/// replaces the incremental result only when the stripe has fewer target-N conflicts.</item>
/// </list>
/// The result is a pure function of (previous ring, members, Q, N).
/// </remarks>
public sealed class Claimant
{
    /// <summary>Default number of consecutive partitions that must have distinct owners.</summary>
    public const int DefaultTargetNVal = 3;

    /// <summary>Creates a claimant for rings of <paramref name="partitionCount"/> partitions.</summary>
    /// <exception cref="ArgumentException">Q is not a power of two in 1..4096.</exception>
    /// <exception cref="ArgumentOutOfRangeException">target N is below 1.</exception>
    public Claimant(int partitionCount = RingSize.Default, int targetNVal = DefaultTargetNVal)
    {
        RingSize.Validate(partitionCount, nameof(partitionCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(targetNVal, 1);
        PartitionCount = partitionCount;
        TargetNVal = targetNVal;
    }

    /// <summary>Q, fixed when the cluster is created.</summary>
    public int PartitionCount { get; }

    /// <summary>How many consecutive partitions the claim keeps on distinct nodes.</summary>
    public int TargetNVal { get; }

    /// <summary>A fresh ring for <paramref name="members"/>, ignoring any history.</summary>
    /// <exception cref="ArgumentException">No members, or an empty or duplicate node id.</exception>
    public Ring Stripe(IEnumerable<string> members)
    {
        var ids = NodeIds.Normalize(members, nameof(members));
        var owner = ClaimSolver.Stripe(PartitionCount, ids.Length, TargetNVal);
        return new Ring(ids, owner.Select(i => ids[i]));
    }

    /// <summary>
    /// The ring for <paramref name="members"/>, moving as few partitions of
    /// <paramref name="previous"/> as balance and target N allow. With no previous ring this is
    /// <see cref="Stripe"/>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The previous ring has a different partition count (Q is fixed at cluster creation), or the
    /// member list is empty or holds an empty or duplicate id.
    /// </exception>
    public Ring Claim(Ring? previous, IEnumerable<string> members)
    {
        if (previous is null)
        {
            return Stripe(members);
        }

        var ids = NodeIds.Normalize(members, nameof(members));
        if (previous.PartitionCount != PartitionCount)
        {
            throw new ArgumentException(
                $"The previous ring has {previous.PartitionCount} partitions but this claimant uses {PartitionCount}; " +
                "the partition count is fixed when the cluster is created.", nameof(previous));
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            index[ids[i]] = i;
        }

        var prior = previous.Owners.Select(o => index.TryGetValue(o, out var i) ? i : -1).ToArray();
        var owner = ClaimSolver.Incremental(PartitionCount, ids.Length, TargetNVal, prior);
        return new Ring(ids, owner.Select(i => ids[i]));
    }
}
