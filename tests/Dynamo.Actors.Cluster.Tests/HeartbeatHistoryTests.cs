using FsCheck;
using FsCheck.Fluent;

namespace Dynamo.Actors.Cluster.Tests;

public class HeartbeatHistoryTests
{
    [Fact]
    public void Running_statistics_equal_a_recomputation_over_the_newest_samples() =>
        Prop.ForAll(
            Gen.Choose(1, 20).ToArbitrary(),
            Gen.ListOf(Gen.Choose(0, 100_000)).ToArbitrary(),
            (max, raw) =>
            {
                var history = new HeartbeatHistory(max);
                foreach (int x in raw) history.Add(x);
                var kept = raw.Skip(Math.Max(0, raw.Count - max)).Select(x => (double)x).ToList();
                if (kept.Count == 0) return history.Count == 0 && history.Mean == 0 && history.Variance == 0;
                double mean = kept.Average();
                double variance = kept.Sum(x => (x - mean) * (x - mean)) / kept.Count;
                return history.Count == kept.Count
                    && history.Intervals.Select(x => (double)x).SequenceEqual(kept)
                    && Math.Abs(history.Mean - mean) < 1e-6
                    && Math.Abs(history.Variance - variance) <= 1e-6 * Math.Max(1, variance);
            }).QuickCheckThrowOnFailure();

    [Fact]
    public void The_buffer_never_grows_beyond_its_size()
    {
        var history = new HeartbeatHistory(5);
        for (int i = 0; i < 10_000; i++) history.Add(i);
        Assert.Equal(5, history.Count);
        Assert.Equal([9995L, 9996L, 9997L, 9998L, 9999L], history.Intervals);
        Assert.Equal(2.0, history.Variance, 9);
    }

    [Fact]
    public void Huge_intervals_do_not_overflow_the_sums()
    {
        var history = new HeartbeatHistory(2);
        history.Add(long.MaxValue / 4);
        history.Add(long.MaxValue / 4);
        Assert.Equal(0.0, history.Variance);
        Assert.Equal((double)(long.MaxValue / 4), history.Mean);
    }

    [Fact]
    public void Negative_intervals_and_empty_sizes_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HeartbeatHistory(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HeartbeatHistory(1).Add(-1));
    }
}
