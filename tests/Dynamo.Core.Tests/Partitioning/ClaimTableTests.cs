using Dynamo.Core.Partitioning;
using Xunit;
using Xunit.Abstractions;

namespace Dynamo.Core.Tests.Partitioning;

/// <summary>
/// Grows a cluster one node at a time from 1 to 64 nodes and removes one node at every size,
/// for Q in {64, 256, 1024}, checking balance, target N and movement at every step.
/// </summary>
public sealed class ClaimTableTests(ITestOutputHelper output)
{
    private const int N = Claimant.DefaultTargetNVal;

    [Theory]
    [InlineData(64)]
    [InlineData(256)]
    [InlineData(1024)]
    public void Claim_stays_balanced_distinct_and_moves_little_as_nodes_join_and_leave(int q)
    {
        var claimant = new Claimant(q, N);
        var rows = new List<string>();
        var worstJoinRatio = 0.0;
        var worstLeaveRatio = 0.0;
        var worstJoin = "";
        var worstLeave = "";
        var worstLargeJoinRatio = 0.0;
        var worstLargeLeaveRatio = 0.0;
        var worstLargeJoin = "";
        var worstLargeLeave = "";
        var failures = new List<string>();
        Ring? ring = null;
        for (var s = 1; s <= 64; s++)
        {
            var members = ClaimScenario.Nodes(s);
            var joinMin = ring is null ? 0 : ClaimScenario.MinimumMoves(ring, members);
            var next = claimant.Claim(ring, members);
            var joinMoves = ring is null ? 0 : ring.CountMoves(next);
            Check(next, s, "join", failures);

            var leaver = members[s / 2];
            var remaining = members.Where(m => m != leaver).ToList();
            var leaveMoves = 0;
            var leaveMin = 0;
            if (remaining.Count > 0)
            {
                leaveMin = ClaimScenario.MinimumMoves(next, remaining);
                var afterLeave = claimant.Claim(next, remaining);
                leaveMoves = next.CountMoves(afterLeave);
                Check(afterLeave, s - 1, "leave", failures);
            }

            var joinRatio = joinMin == 0 ? 1.0 : (double)joinMoves / joinMin;
            var leaveRatio = leaveMin == 0 ? 1.0 : (double)leaveMoves / leaveMin;
            if (joinRatio > worstJoinRatio)
            {
                worstJoinRatio = joinRatio;
                worstJoin = $"S={s - 1}→{s}: {joinMoves} moved, minimum {joinMin}";
            }

            if (leaveRatio > worstLeaveRatio)
            {
                worstLeaveRatio = leaveRatio;
                worstLeave = $"S={s}→{s - 1}: {leaveMoves} moved, minimum {leaveMin}";
            }

            if (s - 1 >= N + 2 && joinRatio > worstLargeJoinRatio)
            {
                worstLargeJoinRatio = joinRatio;
                worstLargeJoin = $"S={s - 1}→{s}: {joinMoves} moved, minimum {joinMin}";
            }

            if (s - 1 >= N + 2 && leaveRatio > worstLargeLeaveRatio)
            {
                worstLargeLeaveRatio = leaveRatio;
                worstLargeLeave = $"S={s}→{s - 1}: {leaveMoves} moved, minimum {leaveMin}";
            }

            var (lo, hi) = ClaimScenario.Loads(next);
            rows.Add($"{s,3} {lo,5}-{hi,-5} {next.WindowsWithRepeatedOwner(N).Count,8} {joinMoves,8} {joinMin,8} {leaveMoves,8} {leaveMin,8}");
            if (!WithinMovementBound(joinMoves, joinMin, s - 1))
            {
                failures.Add($"Q={q} S={s - 1}→{s}: {joinMoves} partitions moved, minimum {joinMin}");
            }

            if (!WithinMovementBound(leaveMoves, leaveMin, s - 1))
            {
                failures.Add($"Q={q} S={s}→{s - 1}: {leaveMoves} partitions moved, minimum {leaveMin}");
            }
            ring = next;
        }

        output.WriteLine($"Q={q}, N={N}");
        output.WriteLine("  S  load  repeats  joinMov  joinMin leaveMov leaveMin");
        rows.ForEach(output.WriteLine);
        output.WriteLine($"worst join:  {worstJoinRatio:F2}× minimum ({worstJoin})");
        output.WriteLine($"worst leave: {worstLeaveRatio:F2}× minimum ({worstLeave})");
        output.WriteLine($"from {N + 2} members up, worst join:  {worstLargeJoinRatio:F2}× minimum ({worstLargeJoin})");
        output.WriteLine($"from {N + 2} members up, worst leave: {worstLargeLeaveRatio:F2}× minimum ({worstLargeLeave})");
        Assert.Empty(failures);
    }

    /// <summary>
    /// Measured: from N+2 members up, a join moves exactly the minimum and a leave at most 1.17×
    /// the minimum (+2 partitions at small Q). Below that, target N forces near-periodic layouts
    /// and a change can cost up to 3.1× the balance-only minimum.
    /// </summary>
    private static bool WithinMovementBound(int moved, int minimum, int smallerMemberCount) =>
        smallerMemberCount >= N + 2
            ? moved <= 1.25 * minimum + N
            : moved <= 3.5 * minimum;

    private static void Check(Ring ring, int s, string step, List<string> failures)
    {
        var q = ring.PartitionCount;
        var (lo, hi) = ClaimScenario.Loads(ring);
        if (lo != q / s || hi != (q + s - 1) / s)
        {
            failures.Add($"{step} Q={q} S={s}: loads {lo}..{hi}");
        }

        var repeats = ring.WindowsWithRepeatedOwner(N).Count;
        if (ClaimScenario.TargetNFeasible(q, s, N) ? repeats != 0 : !ClaimScenario.AdjacentOwnersDistinct(ring) && s >= 2)
        {
            failures.Add($"{step} Q={q} S={s}: {repeats} windows repeat an owner");
        }
    }
}
