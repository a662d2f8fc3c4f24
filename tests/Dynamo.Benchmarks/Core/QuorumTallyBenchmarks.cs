using BenchmarkDotNet.Attributes;
using Dynamo.Core.Quorum;

namespace Dynamo.Benchmarks.Core;

/// <summary>
/// A coordinator's count of one request's answers: the work a put or get coordinator does per reply, which should be
/// a few nanoseconds and allocate nothing.
/// </summary>
[MemoryDiagnoser]
public class QuorumTallyBenchmarks
{
    private const ulong AllPrimaries = 0b111;

    /// <summary>A write with N=3 W=2: the local replica, then a remote one meets the quorum, then the last answers.</summary>
    [Benchmark]
    public bool WriteOfThreeReplicas()
    {
        var tally = QuorumTally.Start(3, AllPrimaries, required: 2, primariesRequired: 0);
        tally = tally.Succeed(0);
        var met = tally.IsMet;
        tally = tally.Succeed(2);
        met |= tally.IsMet;
        tally = tally.Succeed(1);
        return met && tally.AllAnswered;
    }

    /// <summary>A read with N=3 R=2 whose first answer fails: the tally must say the quorum is still possible, then met.</summary>
    [Benchmark]
    public bool ReadWithOneFailure()
    {
        var tally = QuorumTally.Start(3, AllPrimaries, required: 2, primariesRequired: 0);
        tally = tally.Fail(1);
        var possible = tally.CanMeet && tally.CanMeetPrimaries;
        tally = tally.Succeed(0).Succeed(2);
        return possible && tally.IsMet;
    }
}
