using System.Numerics;

namespace Dynamo.Core.Quorum;

/// <summary>
/// The count a coordinator keeps of one request's replicas (the paper's section 4.5): which answered, which
/// failed, and whether the quorum (W or R, and Riak's pw or pr over primaries only) is met, can still be met,
/// or is lost. Pure and allocation-free: each answer gives a new value, replicas are bits of a mask (at most 64
/// replicas, far above any n_val), and a replica that answers twice counts once.
/// </summary>
public readonly record struct QuorumTally
{
    /// <summary>The most replicas a tally counts.</summary>
    public const int MaxReplicas = 64;

    private readonly ulong _succeeded;
    private readonly ulong _failed;

    private QuorumTally(int replicas, ulong primaries, int required, int primariesRequired, ulong succeeded, ulong failed)
    {
        Replicas = replicas;
        Primaries = primaries;
        Required = required;
        PrimariesRequired = primariesRequired;
        _succeeded = succeeded;
        _failed = failed;
    }

    /// <summary>How many replicas the request went to (the preference list's N, fallbacks included).</summary>
    public int Replicas { get; }

    /// <summary>Bit i set when replica i is a primary owner rather than a fallback.</summary>
    public ulong Primaries { get; }

    /// <summary>Successful answers needed (W for a write, R for a read).</summary>
    public int Required { get; }

    /// <summary>Successful answers needed from primaries (Riak's pw or pr); 0 for none.</summary>
    public int PrimariesRequired { get; }

    /// <summary>Creates a tally before any answer: <paramref name="replicas"/> replicas, bit i of <paramref name="primaries"/> set when replica i is a primary.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of range.</exception>
    public static QuorumTally Start(int replicas, ulong primaries, int required, int primariesRequired)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(replicas);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(replicas, MaxReplicas);
        ArgumentOutOfRangeException.ThrowIfNegative(required);
        ArgumentOutOfRangeException.ThrowIfNegative(primariesRequired);
        return new QuorumTally(replicas, primaries & AllOf(replicas), required, primariesRequired, 0, 0);
    }

    /// <summary>Successful answers so far.</summary>
    public int Succeeded => BitOperations.PopCount(_succeeded);

    /// <summary>Successful answers from primaries so far.</summary>
    public int PrimariesSucceeded => BitOperations.PopCount(_succeeded & Primaries);

    /// <summary>Failed replicas so far.</summary>
    public int Failed => BitOperations.PopCount(_failed & ~_succeeded);

    /// <summary>Primary replicas the request went to.</summary>
    public int PrimaryReplicas => BitOperations.PopCount(Primaries);

    /// <summary>Whether enough replicas, and enough primaries, answered successfully.</summary>
    public bool IsMet => Succeeded >= Required && PrimariesSucceeded >= PrimariesRequired;

    /// <summary>Whether the replicas that have not answered yet could still bring the successes to <see cref="Required"/>.</summary>
    public bool CanMeet => Replicas - Failed >= Required;

    /// <summary>Whether the primaries that have not answered yet could still bring the primary successes to <see cref="PrimariesRequired"/>.</summary>
    public bool CanMeetPrimaries => PrimaryReplicas - BitOperations.PopCount(_failed & ~_succeeded & Primaries) >= PrimariesRequired;

    /// <summary>Whether the request went to enough replicas and primaries that the quorum could be met at all.</summary>
    public bool IsFeasible => Required <= Replicas && PrimariesRequired <= PrimaryReplicas;

    /// <summary>Whether every replica answered, successfully or not.</summary>
    public bool AllAnswered => BitOperations.PopCount(_succeeded | _failed) >= Replicas;

    /// <summary>The tally after replica <paramref name="replica"/> answered successfully.</summary>
    public QuorumTally Succeed(int replica) => new(Replicas, Primaries, Required, PrimariesRequired, _succeeded | Bit(replica), _failed);

    /// <summary>The tally after replica <paramref name="replica"/> failed; a replica that already succeeded stays a success.</summary>
    public QuorumTally Fail(int replica) => new(Replicas, Primaries, Required, PrimariesRequired, _succeeded, _failed | Bit(replica));

    private ulong Bit(int replica)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(replica);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(replica, Replicas);
        return 1UL << replica;
    }

    private static ulong AllOf(int replicas) => replicas == MaxReplicas ? ulong.MaxValue : (1UL << replicas) - 1;
}
