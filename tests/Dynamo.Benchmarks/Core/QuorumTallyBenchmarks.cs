using BenchmarkDotNet.Attributes;
using Dynamo.Core.Quorum;

namespace Dynamo.Benchmarks.Core;

/// <summary>
/// A coordinator's count of one request's answers: the work a put or get coordinator does per reply, which should be
/// a few nanoseconds and allocate nothing. Sizes and answer order come from fields, so the JIT cannot fold them away.
/// </summary>
[MemoryDiagnoser]
public class QuorumTallyBenchmarks
{
    private int _replicas = 3;
    private int _quorum = 2;
    private ulong _primaries = 0b111;
    private int[] _answers = [0, 2, 1];

    /// <summary>A write with N=3 W=2: the local replica, then a remote one meets the quorum, then the last answers.</summary>
    [Benchmark]
    public QuorumTally WriteOfThreeReplicas()
    {
        var tally = QuorumTally.Start(_replicas, _primaries, _quorum, primariesRequired: 0);
        foreach (var replica in _answers)
        {
            tally = tally.Succeed(replica);
            if (tally.IsMet && tally.AllAnswered) break;
        }
        return tally;
    }

    /// <summary>A read with N=3 R=2 whose first answer fails: the tally must say the quorum is still possible, then met.</summary>
    [Benchmark]
    public QuorumTally ReadWithOneFailure()
    {
        var tally = QuorumTally.Start(_replicas, _primaries, _quorum, primariesRequired: 0).Fail(_answers[0]);
        if (!tally.CanMeet || !tally.CanMeetPrimaries) return tally;
        for (var i = 1; i < _answers.Length && !tally.IsMet; i++) tally = tally.Succeed(_answers[i]);
        return tally;
    }
}
