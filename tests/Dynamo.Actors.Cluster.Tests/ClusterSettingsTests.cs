using System.Text.RegularExpressions;

namespace Dynamo.Actors.Cluster.Tests;

public class ClusterSettingsTests
{
    [Fact]
    public void Defaults_are_akkas()
    {
        var s = ClusterSettings.Default.Validate();
        Assert.Equal(TimeSpan.FromSeconds(1), s.GossipInterval);
        Assert.Equal(TimeSpan.FromSeconds(1), s.LeaderActionsInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), s.SeedNodeTimeout);
        Assert.Null(s.AutoDownUnreachableAfter);
        Assert.Empty(s.SeedNodes);
        Assert.Equal(1, s.MinNrOfMembers);
        var fd = s.FailureDetector;
        Assert.Equal(TimeSpan.FromSeconds(1), fd.HeartbeatInterval);
        Assert.Equal(8.0, fd.Threshold);
        Assert.Equal(TimeSpan.FromSeconds(3), fd.AcceptableHeartbeatPause);
        Assert.Equal(TimeSpan.FromMilliseconds(100), fd.MinStdDeviation);
        Assert.Equal(1000, fd.MaxSampleSize);
        Assert.Equal(9, fd.MonitoredByNrOfMembers);
    }

    [Fact]
    public void Validation_names_the_key_at_fault()
    {
        Assert.Contains("dynamo.cluster.gossip-interval", Assert.Throws<ArgumentException>(() =>
            (ClusterSettings.Default with { GossipInterval = TimeSpan.Zero }).Validate()).Message);
        Assert.Contains("dynamo.cluster.seed-nodes", Assert.Throws<ArgumentException>(() =>
            (ClusterSettings.Default with { SeedNodes = [new Address(Address.LocalProtocol, "local")] }).Validate()).Message);
        Assert.Contains("dynamo.cluster.failure-detector.threshold", Assert.Throws<ArgumentException>(() =>
            (ClusterSettings.Default with { FailureDetector = FailureDetectorSettings.Default with { Threshold = -1 } }).Validate()).Message);
        Assert.Contains("min-nr-of-members", Assert.Throws<ArgumentException>(() =>
            (ClusterSettings.Default with { MinNrOfMembers = 0 }).Validate()).Message);
    }

    [Fact]
    public void The_reference_file_lists_every_setting_with_a_comment()
    {
        var path = FindUp(Path.Combine("hocon", "cluster.reference.conf"));
        var lines = File.ReadAllLines(path);
        var keys = new List<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            var m = Regex.Match(lines[i], @"^\s*([a-z-]+)\s*=");
            if (!m.Success) continue;
            keys.Add(m.Groups[1].Value);
            Assert.StartsWith("#", lines[i - 1].Trim());
        }
        var expected = new[]
        {
            "seed-nodes", "seed-node-timeout", "retry-unsuccessful-join-after", "gossip-interval", "gossip-time-to-live",
            "leader-actions-interval", "unreachable-nodes-reaper-interval", "periodic-tasks-initial-delay",
            "auto-down-unreachable-after", "min-nr-of-members", "prune-gossip-tombstones-after", "roles",
            "heartbeat-interval", "threshold", "max-sample-size", "min-std-deviation", "acceptable-heartbeat-pause",
            "monitored-by-nr-of-members", "expected-response-after",
        };
        Assert.Equal(expected.Order(), keys.Order());
        // One settings property per key, so nothing in the file is unbound.
        int properties = typeof(ClusterSettings).GetProperties().Count(p => p.Name != nameof(ClusterSettings.FailureDetector) && p.Name != "EqualityContract")
            + typeof(FailureDetectorSettings).GetProperties().Count(p => p.Name != "EqualityContract");
        Assert.Equal(expected.Length, properties);
    }

    private static string FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}.");
    }
}
