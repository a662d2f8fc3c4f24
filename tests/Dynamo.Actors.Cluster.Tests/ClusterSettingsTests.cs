using Dynamo.Actors.Configuration;

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
    public void The_reference_configuration_binds_to_Akkas_defaults()
    {
        Assert.Equal(ClusterSettings.Default with { SeedNodes = [], Roles = [] },
            ClusterSettings.FromConfig(ConfigurationFactory.Reference()) is var bound
                ? bound with { SeedNodes = [], Roles = [] } : null);
        Assert.Equal(FailureDetectorSettings.Default, ClusterSettings.FromConfig(ConfigurationFactory.Reference()).FailureDetector);
    }

    [Fact]
    public void Every_reference_key_is_bound_to_a_setting()
    {
        // One settings property per key, so nothing in reference.conf is unbound and nothing bound is undocumented.
        int keys = ConfigurationFactory.Reference().GetConfig("dynamo.cluster").Flatten().Count();
        int properties = typeof(ClusterSettings).GetProperties().Count(p => p.Name != nameof(ClusterSettings.FailureDetector) && p.Name != "EqualityContract")
            + typeof(FailureDetectorSettings).GetProperties().Count(p => p.Name != "EqualityContract");
        Assert.Equal(properties, keys);
    }

    [Fact]
    public void Node_file_values_override_the_reference()
    {
        var config = ConfigurationFactory.ParseString("""
            dynamo.cluster {
              seed-nodes = ["dynamo.tcp://dynamo@127.0.0.1:4053", "dynamo.tcp://dynamo@127.0.0.1:4054"]
              auto-down-unreachable-after = 30s
              failure-detector.threshold = 12
            }
            """).WithFallback(ConfigurationFactory.Reference());
        var settings = ClusterSettings.FromConfig(config);
        Assert.Equal([Address.Parse("dynamo.tcp://dynamo@127.0.0.1:4053"), Address.Parse("dynamo.tcp://dynamo@127.0.0.1:4054")], settings.SeedNodes.ToArray());
        Assert.Equal(TimeSpan.FromSeconds(30), settings.AutoDownUnreachableAfter);
        Assert.Equal(12.0, settings.FailureDetector.Threshold);
    }

    [Fact]
    public void A_bad_seed_address_names_the_key_and_its_position()
    {
        var config = ConfigurationFactory.ParseString("dynamo.cluster.seed-nodes = [\"not an address\"]", "node.conf")
            .WithFallback(ConfigurationFactory.Reference());
        var e = Assert.Throws<ConfigurationException>(() => ClusterSettings.FromConfig(config));
        Assert.Equal("dynamo.cluster.seed-nodes", e.Key);
        Assert.Equal("node.conf", e.File);
        Assert.Contains("not an address", e.Message);
    }

    [Fact]
    public void An_out_of_range_value_is_a_configuration_error_naming_the_key()
    {
        var config = ConfigurationFactory.ParseString("dynamo.cluster.failure-detector.max-sample-size = 0")
            .WithFallback(ConfigurationFactory.Reference());
        var e = Assert.Throws<ConfigurationException>(() => ClusterSettings.FromConfig(config));
        Assert.Contains("dynamo.cluster.failure-detector.max-sample-size", e.Message);
    }
}
