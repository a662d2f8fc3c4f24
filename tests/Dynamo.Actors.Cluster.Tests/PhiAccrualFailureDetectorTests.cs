namespace Dynamo.Actors.Cluster.Tests;

public class PhiAccrualFailureDetectorTests
{
    private static PhiAccrualFailureDetector Detector(
        double threshold = 8.0, int maxSampleSize = 1000, int minStdDeviationMs = 100, int pauseMs = 0, int firstEstimateMs = 1000) =>
        new(threshold, maxSampleSize, TimeSpan.FromMilliseconds(minStdDeviationMs), TimeSpan.FromMilliseconds(pauseMs), TimeSpan.FromMilliseconds(firstEstimateMs));

    /// <summary>The normal CDF by Abramowitz and Stegun 7.1.26 (error below 1.5e-7), independent of the detector's approximation.</summary>
    private static double NormalCdf(double x)
    {
        double z = Math.Abs(x) / Math.Sqrt(2);
        double t = 1 / (1 + 0.3275911 * z);
        double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-z * z);
        return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(15)]
    [InlineData(20)]
    [InlineData(25)]
    [InlineData(35)]
    [InlineData(40)]
    [InlineData(-12)]
    public void Phi_matches_the_normal_distribution_within_the_logistic_approximations_error(int timeDiff)
    {
        double phi = PhiAccrualFailureDetector.PhiOf(timeDiff, 0, 10);
        double cdf = 1 - Math.Pow(10, -phi);
        Assert.InRange(cdf, NormalCdf(timeDiff / 10.0) - 2e-4, NormalCdf(timeDiff / 10.0) + 2e-4);
    }

    [Theory]
    // Akka's documented "realistic" values for mean 1000 ms and deviation 100 ms.
    [InlineData(0, 0.0)]
    [InlineData(500, 0.1)]
    [InlineData(1000, 0.3)]
    [InlineData(1200, 1.6)]
    [InlineData(1400, 4.7)]
    [InlineData(1600, 10.8)]
    [InlineData(1700, 15.3)]
    public void Phi_has_Akkas_realistic_values(int timeDiff, double expected)
    {
        Assert.InRange(PhiAccrualFailureDetector.PhiOf(timeDiff, 1000, 100), expected - 0.1, expected + 0.1);
    }

    [Fact]
    public void Phi_is_zero_and_available_before_any_heartbeat()
    {
        var fd = Detector();
        Assert.False(fd.IsMonitoring);
        Assert.Equal(0.0, fd.Phi(1_000_000));
        Assert.True(fd.IsAvailable(1_000_000));
    }

    [Fact]
    public void After_one_heartbeat_phi_follows_the_first_estimate()
    {
        // One heartbeat seeds the history with 750 and 1250 ms: mean 1000, deviation 250.
        var fd = Detector(firstEstimateMs: 1000);
        fd.Heartbeat(0);
        Assert.True(fd.IsMonitoring);
        Assert.Equal([750L, 1250L], fd.History.Intervals);
        Assert.InRange(fd.Phi(1000), 0.1, 0.5);
        Assert.InRange(fd.Phi(2000), 4.2, 4.8);
    }

    [Fact]
    public void Phi_rises_with_silence_until_the_node_is_unavailable()
    {
        var fd = Detector(pauseMs: 3000);
        long t = 0;
        for (int i = 0; i < 20; i++, t += 1000) fd.Heartbeat(t);
        long last = t - 1000;
        double previous = -1;
        // Well inside mean + acceptable pause phi is zero to double precision; past it, it must climb.
        Assert.True(fd.Phi(last + 500) <= fd.Phi(last + 2000));
        foreach (long silence in new long[] { 3800, 4000, 4200, 4500, 5000, 8000 })
        {
            double phi = fd.Phi(last + silence);
            Assert.True(phi > previous, $"phi {phi} after {silence} ms is not above {previous}");
            previous = phi;
        }
        Assert.True(fd.IsAvailable(last + 1000));
        Assert.True(fd.IsAvailable(last + 3000));
        Assert.False(fd.IsAvailable(last + 5000));
    }

    [Fact]
    public void Phi_stays_low_with_regular_heartbeats_with_jitter()
    {
        var fd = Detector(pauseMs: 0);
        var random = new Random(7);
        long t = 0;
        fd.Heartbeat(t);
        for (int i = 0; i < 500; i++)
        {
            t += 1000 + random.Next(-50, 51);
            Assert.True(fd.Phi(t) < 1.0, $"phi {fd.Phi(t)} at heartbeat {i}");
            fd.Heartbeat(t);
        }
        Assert.InRange(fd.History.Mean, 990, 1010);
    }

    [Fact]
    public void Acceptable_pause_delays_the_verdict()
    {
        var strict = Detector(pauseMs: 0);
        var tolerant = Detector(pauseMs: 3000);
        for (long t = 0; t <= 10_000; t += 1000)
        {
            strict.Heartbeat(t);
            tolerant.Heartbeat(t);
        }
        Assert.False(strict.IsAvailable(12_500));
        Assert.True(tolerant.IsAvailable(12_500));
    }

    [Fact]
    public void The_history_is_bounded_by_max_sample_size_and_keeps_the_newest()
    {
        var fd = Detector(maxSampleSize: 3, pauseMs: 10_000);
        long t = 0;
        fd.Heartbeat(t);
        foreach (long interval in new long[] { 900, 1000, 1100, 1200, 1300 })
            fd.Heartbeat(t += interval);
        Assert.Equal(3, fd.History.Count);
        Assert.Equal([1100L, 1200L, 1300L], fd.History.Intervals);
        Assert.Equal(1200, fd.History.Mean, 9);
    }

    [Fact]
    public void The_first_heartbeat_after_a_failure_does_not_enter_the_history()
    {
        var fd = Detector(pauseMs: 0);
        for (long t = 0; t <= 5000; t += 1000) fd.Heartbeat(t);
        int before = fd.History.Count;
        Assert.False(fd.IsAvailable(60_000));
        fd.Heartbeat(60_000);
        Assert.Equal(before, fd.History.Count);
        Assert.DoesNotContain(55_000L, fd.History.Intervals);
        Assert.True(fd.IsAvailable(60_500));
    }

    [Fact]
    public void A_clock_that_goes_backwards_is_refused()
    {
        var fd = Detector();
        fd.Heartbeat(1000);
        Assert.Throws<ArgumentOutOfRangeException>(() => fd.Heartbeat(999));
    }

    [Fact]
    public void Bad_parameters_are_refused_by_name()
    {
        Assert.Contains("threshold", Assert.Throws<ArgumentOutOfRangeException>(() => Detector(threshold: 0)).Message);
        Assert.Contains("max-sample-size", Assert.Throws<ArgumentOutOfRangeException>(() => Detector(maxSampleSize: 0)).Message);
        Assert.Contains("min-std-deviation", Assert.Throws<ArgumentOutOfRangeException>(() => Detector(minStdDeviationMs: 0)).Message);
        Assert.Contains("acceptable-heartbeat-pause", Assert.Throws<ArgumentOutOfRangeException>(() => Detector(pauseMs: -1)).Message);
    }

    [Fact]
    public void Settings_build_a_detector_with_akkas_defaults()
    {
        var fd = FailureDetectorSettings.Default.CreateFailureDetector();
        Assert.Equal(8.0, fd.Threshold);
        Assert.Equal(1000, fd.MaxSampleSize);
        Assert.Equal(TimeSpan.FromMilliseconds(100), fd.MinStdDeviation);
        Assert.Equal(TimeSpan.FromSeconds(3), fd.AcceptableHeartbeatPause);
        Assert.Equal(TimeSpan.FromSeconds(1), fd.FirstHeartbeatEstimate);
    }
}
