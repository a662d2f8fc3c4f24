using System.Net;
using Akka.Cluster;

namespace Dynamo.Server.Tests;

/// <summary>
/// The operator endpoints Petabridge.Cmd's cluster commands stand on, served by a real cluster member in this process:
/// members with their roles, Cluster.Sharding's regions and shard stats, and downing unreachable members when there are none.
/// </summary>
public sealed class ClusterOperatorApiTests(OneClusterMember member) : IClassFixture<OneClusterMember>
{
    [Fact(Timeout = 60_000)]
    public async Task A_member_lists_its_roles_its_vnode_region_and_the_shard_and_entity_of_every_partition()
    {
        var node = member.Node;
        var client = member.Client;
        var self = node.Cluster.SelfAddress.ToString();

        using (var cluster = await client.GetAsync("/cluster"))
        {
            var only = Assert.Single((await Api.JsonOf(cluster)).GetProperty("members").EnumerateArray().ToList());
            Assert.Contains("dynamo", only.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        }

        using (var regions = await client.GetAsync("/cluster/sharding/regions"))
        {
            Assert.Equal(HttpStatusCode.OK, regions.StatusCode);
            var body = await Api.JsonOf(regions);
            Assert.Equal(node.NodeId, body.GetProperty("node").GetString());
            var vnode = Assert.Single(body.GetProperty("types").EnumerateArray().ToList());
            Assert.Equal("vnode", vnode.GetProperty("typeName").GetString());
            Assert.Equal([self], vnode.GetProperty("regions").EnumerateArray().Select(r => r.GetString()));
        }

        // Every partition is one shard with one vnode entity, all in the only region.
        await member.UntilAsync(async () =>
        {
            using var stats = await client.GetAsync("/cluster/sharding/vnode/shard-stats");
            var region = (await Api.JsonOf(stats)).GetProperty("regions").EnumerateArray().SingleOrDefault();
            return region.ValueKind != System.Text.Json.JsonValueKind.Undefined && region.GetProperty("shards").GetArrayLength() == 16;
        }, "the region to report all 16 shards", TimeSpan.FromSeconds(20));
        using (var stats = await client.GetAsync("/cluster/sharding/vnode/shard-stats"))
        {
            Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
            var body = await Api.JsonOf(stats);
            Assert.Equal("vnode", body.GetProperty("typeName").GetString());
            var region = Assert.Single(body.GetProperty("regions").EnumerateArray().ToList());
            Assert.Equal(self, region.GetProperty("address").GetString());
            Assert.Equal(node.NodeId, region.GetProperty("nodeId").GetString());
            var shards = region.GetProperty("shards").EnumerateArray().ToList();
            Assert.Equal(Enumerable.Range(0, 16).Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)), shards.Select(s => s.GetProperty("shardId").GetString()));
            Assert.All(shards, s => Assert.Equal(1, s.GetProperty("entities").GetInt32()));
            Assert.Equal(0, region.GetProperty("failedShards").GetArrayLength());
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Shard_stats_of_a_type_no_region_runs_is_404_naming_the_types_there_are()
    {
        var client = member.Client;

        using var response = await client.GetAsync("/cluster/sharding/no-such-type/shard-stats");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await Api.JsonOf(response);
        Assert.Contains("no-such-type", body.GetProperty("error").GetString());
        Assert.Equal(["vnode"], body.GetProperty("types").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact(Timeout = 60_000)]
    public async Task Down_unreachable_with_every_member_reachable_downs_nobody_and_is_accepted()
    {
        var client = member.Client;

        using var response = await client.PostAsync("/cluster/down-unreachable", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await Api.JsonOf(response);
        Assert.Equal(0, body.GetProperty("downed").GetArrayLength());
        Assert.Contains("nothing to down", body.GetProperty("message").GetString());
        Assert.Equal(MemberStatus.Up, member.Node.Cluster.SelfMember.Status);
    }
}
