using System.Text.Json;

namespace Dynamo.Cli.Tests;

/// <summary><c>cluster down-unreachable</c> against a canned member that sees a third member unreachable and downs it.</summary>
public sealed class DownUnreachableCommandTests
{
    [Fact]
    public async Task Down_unreachable_posts_to_the_node_and_prints_each_member_it_downed()
    {
        using var cluster = new CannedCluster();

        var run = await InProcessCli.RunAsync(["cluster", "down-unreachable", "--node", CannedCluster.UrlA], handler: cluster);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal([CannedCluster.UrlA + "/cluster/down-unreachable"], cluster.Requests);
        Assert.StartsWith($"downed {CannedCluster.C}" + Environment.NewLine, run.Out);
        Assert.Contains("down of 1 unreachable member accepted", run.Out);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Down_unreachable_json_lists_the_downed_members()
    {
        using var cluster = new CannedCluster();

        var run = await InProcessCli.RunAsync(["cluster", "down-unreachable", "--json", "--node", CannedCluster.UrlA], handler: cluster);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal([CannedCluster.C], json.RootElement.GetProperty("downed").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task Down_unreachable_the_node_answers_with_an_error_exits_1_with_its_reason()
    {
        using var cluster = new CannedCluster();

        // B has no such route here: the error the node gives is passed on, as a single-node store's 501 would be.
        var run = await InProcessCli.RunAsync(["cluster", "down-unreachable", "--node", CannedCluster.UrlB], handler: cluster);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Contains("answered 404", run.Error);
        Assert.Equal("", run.Out);
    }
}
