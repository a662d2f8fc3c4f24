using System.Text;

namespace Dynamo.Client.Tests;

/// <summary>The admin client against a real node: the cluster view with its transfers, and the typed sections of /stats.</summary>
public sealed class AdminClientTests(OneNode node) : IClassFixture<OneNode>
{
    private static CancellationToken Bounded() => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;

    [Fact]
    public async Task The_cluster_view_of_a_node_that_moves_nothing_has_one_member_and_an_empty_transfer_list()
    {
        var view = await node.Admin.GetClusterAsync(Bounded());

        var member = Assert.Single(view.Members);
        Assert.Equal(view.Self, member.Address);
        Assert.Equal(16, member.Partitions);
        Assert.NotNull(view.Transfers);
        Assert.Empty(view.Transfers);
    }

    [Fact]
    public async Task Stats_give_the_requests_made_with_their_latency_and_every_typed_section()
    {
        await node.Http.PutAsync("admin", "counted", Encoding.UTF8.GetBytes("v"), "text/plain", ct: Bounded());
        await node.Http.GetAsync("admin", "counted", ct: Bounded());

        var stats = await node.Admin.GetStatsAsync(Bounded());

        Assert.Empty(stats.SectionErrors);
        Assert.Equal(16, stats.Node!.OwnedPartitions);
        Assert.Equal("memory", stats.Node.StoragePlugin);
        Assert.Equal(1, stats.Requests["put"]["204"]);
        Assert.Equal(1, stats.Coordinated!["put"]["ok"]);
        Assert.Equal(1, stats.Latency["get"].Count);
        Assert.True(stats.Latency["get"].MaxMs >= stats.Latency["get"].P50Ms);
        Assert.Equal(0, stats.Hints!.PendingTotal);
        Assert.Empty(stats.Hints.Pending);
        Assert.Equal(stats.ReadRepair!.Stale + stats.ReadRepair.Missing, stats.ReadRepair.Total);
        Assert.Equal(new DynamoHandoffStats(0, 0, 0, 0), stats.Handoff);
        Assert.True(stats.Raw.GetProperty("hints").TryGetProperty("failedBatches", out _), "the raw document is kept whole");
    }
}
