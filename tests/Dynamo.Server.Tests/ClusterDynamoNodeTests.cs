using Akka.Configuration;
using Dynamo.Configuration;
using Dynamo.Kv.Hosting;
using Dynamo.Server.Cluster;
using Dynamo.Server.Node;
using Dynamo.TestSupport;

namespace Dynamo.Server.Tests;

/// <summary>The cluster node's views and operator calls over one <see cref="KvNode"/> in this process.</summary>
public sealed class ClusterDynamoNodeTests
{
    private static Task<KvNode> StartAsync(string httpEndpointRole) => KvNode.StartAsync(ConfigurationFactory.ParseString($$"""
        akka.loglevel = ERROR
        akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
        akka.cluster {
          roles = ["dynamo", "{{httpEndpointRole}}"]
          gossip-interval = 200ms, leader-actions-interval = 200ms, periodic-tasks-initial-delay = 100ms
        }
        dynamo.persistence.plugin = memory
        dynamo.kv.ring-partitions = 16
        """).WithFallback(TestConfig.ClusterMember)).WaitAsync(TimeSpan.FromSeconds(10));

    [Fact]
    public async Task Joining_its_own_address_makes_the_node_an_Up_leader_owning_every_partition_with_its_advertised_endpoint()
    {
        await using var kv = await StartAsync(HttpEndpointRole.For("http://127.0.0.1:8123"));
        var node = new ClusterDynamoNode(kv, DateTimeOffset.UtcNow);
        Assert.Equal(0, (await node.GetRingAsync(CancellationToken.None)).PartitionCount);

        var joined = await node.JoinAsync(kv.Cluster.SelfAddress.ToString(), CancellationToken.None);
        Assert.Equal(OperatorOutcome.Accepted, joined.Outcome);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        ClusterView view;
        // Akka.Cluster publishes the leader and the member's status as separate events: wait for both.
        while (((view = await node.GetClusterViewAsync(CancellationToken.None)).Members.SingleOrDefault() is not { Status: "Up", Partitions: 16 }
                || view.Leader is null) && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        var self = Assert.Single(view.Members);
        Assert.Equal(new ClusterMemberView(kv.Cluster.SelfAddress.ToString(), kv.NodeId, "Up", true, "http://127.0.0.1:8123", 16), self with { Roles = [] });
        Assert.Equal(["dynamo", "http-endpoint=http://127.0.0.1:8123"], self.Roles.ToArray());
        Assert.Equal(self.Address, view.Leader);
        Assert.Equal(Enumerable.Repeat(kv.NodeId, 16), (await node.GetRingAsync(CancellationToken.None)).Owners);
    }

    [Theory]
    [InlineData("leave")]
    [InlineData("down")]
    public async Task Leave_or_down_of_an_address_that_is_no_member_is_an_unknown_member(string change)
    {
        await using var kv = await StartAsync(HttpEndpointRole.For("http://127.0.0.1:8123"));
        var node = new ClusterDynamoNode(kv, DateTimeOffset.UtcNow);
        var stranger = "akka.tcp://dynamo@127.0.0.1:1";

        var result = change == "leave"
            ? await node.LeaveAsync(stranger, CancellationToken.None)
            : await node.DownAsync(stranger, CancellationToken.None);

        Assert.Equal(OperatorOutcome.UnknownMember, result.Outcome);
        Assert.Contains(stranger, result.Message);
    }

    [Fact]
    public async Task An_address_that_does_not_parse_is_refused_with_the_expected_form()
    {
        await using var kv = await StartAsync(HttpEndpointRole.For("http://127.0.0.1:8123"));
        var node = new ClusterDynamoNode(kv, DateTimeOffset.UtcNow);

        var result = await node.JoinAsync("not-an-address", CancellationToken.None);

        Assert.Equal(OperatorOutcome.Refused, result.Outcome);
        Assert.Contains("akka.tcp://system@host:port", result.Message);
    }

    [Fact]
    public void The_configuration_of_a_clustered_node_advertises_its_http_endpoint_among_its_roles()
    {
        var config = ConfigurationFactory.ParseString("""
            dynamo.http { hostname = "0.0.0.0", port = 8099 }
            akka.remote.dot-netty.tcp.hostname = "10.0.0.7"
            akka.cluster.roles = ["storage"]
            """).WithFallback(DynamoConfig.Reference());

        var roles = ClusterNodeConfig.WithHttpEndpoint(config).GetStringList("akka.cluster.roles");

        Assert.Equal(["storage", "http-endpoint=http://10.0.0.7:8099"], roles);
    }

    [Fact]
    public void A_node_whose_http_port_is_chosen_at_start_advertises_no_endpoint()
    {
        var config = ConfigurationFactory.ParseString("dynamo.http.port = 0").WithFallback(DynamoConfig.Reference());

        Assert.Equal(["dynamo"], ClusterNodeConfig.WithHttpEndpoint(config).GetStringList("akka.cluster.roles"));
    }

    [Theory]
    [InlineData("", "akka.tcp")]
    [InlineData("akka.remote.dot-netty.tcp.enable-ssl = true", "akka.ssl.tcp")]
    [InlineData("dynamo.node.fault-injection = on", "akka.trttl.tcp")]
    public void Seeds_given_as_host_and_port_become_addresses_with_the_scheme_of_this_node(string setting, string scheme)
    {
        var config = NodeFaultInjection.Configure(ConfigurationFactory.ParseString($$"""
            {{setting}}
            akka.cluster.seed-nodes = ["10.0.0.1:4053", "akka.tcp://dynamo@10.0.0.2:4053"]
            """).WithFallback(DynamoConfig.Reference()));

        var seeds = ClusterNodeConfig.WithSeedAddresses(config).GetStringList("akka.cluster.seed-nodes");

        Assert.Equal([$"{scheme}://dynamo@10.0.0.1:4053", "akka.tcp://dynamo@10.0.0.2:4053"], seeds);
    }

    [Fact]
    public void A_seed_that_is_neither_an_address_nor_host_and_port_names_the_key()
    {
        var config = ConfigurationFactory.ParseString("""akka.cluster.seed-nodes = ["10.0.0.1"]""").WithFallback(DynamoConfig.Reference());

        var error = Assert.Throws<ConfigurationException>(() => ClusterNodeConfig.WithSeedAddresses(config));

        Assert.Contains("akka.cluster.seed-nodes", error.Message);
    }
}
