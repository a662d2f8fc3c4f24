using System.Text.Json;

namespace Dynamo.Cli.Tests;

/// <summary>
/// <c>cluster show</c>, <c>cluster transfers</c> and <c>stats</c> on a canned three-member cluster: a transfer in
/// progress, a stats section the node could not fill, and a member that does not answer.
/// </summary>
public sealed class TransfersAndStatsTests
{
    private static readonly Dictionary<string, string> AtA = new() { ["DYNAMO_NODE"] = CannedCluster.UrlA };

    private static Task<CliRun> Run(CannedCluster cluster, params string[] args) =>
        InProcessCli.RunAsync(args, AtA, cluster);

    [Fact]
    public async Task Cluster_show_lists_the_transfer_in_progress_under_the_members_and_leaves_out_finished_ones()
    {
        using var cluster = new CannedCluster();

        var run = await Run(cluster, "cluster", "show");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("Transfers", run.Out);
        Assert.Matches(@"│ 7\s+│ 127\.0\.0\.1:4053\s+│ 127\.0\.0\.1:4054\s+│ 1,234\s+│ Sending\s+│", run.Out);
        Assert.DoesNotContain("Completed", run.Out);
        Assert.DoesNotContain("no transfers in progress", run.Out);
        Assert.True(run.Out.IndexOf(CannedCluster.C, StringComparison.Ordinal) < run.Out.IndexOf("Transfers", StringComparison.Ordinal),
            "the transfers come under the members");
    }

    [Fact]
    public async Task Cluster_transfers_asks_every_member_shows_the_running_transfer_and_names_the_member_that_did_not_answer()
    {
        using var cluster = new CannedCluster();

        var run = await Run(cluster, "cluster", "transfers");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Matches(@"│ 7\s+│ 127\.0\.0\.1:4053\s+│ 127\.0\.0\.1:4054\s+│ 1,234\s+│ Sending", run.Out);
        // The transfer resumed: 300 objects an earlier attempt got across are not sent again.
        Assert.Matches(@"│ Resumed after\s+│", run.Out);
        Assert.Matches(@"│ 1,234\s+│ Sending\s+│ 300\s+│", run.Out);
        Assert.Contains($"{CannedCluster.A}: 1 in progress, 1 completed, 0 refused", run.Out);
        Assert.Contains($"{CannedCluster.B}: 0 in progress, 0 completed, 0 refused", run.Out);
        Assert.Contains($"{CannedCluster.C}: did not answer ({CannedCluster.UrlC}): Connection refused", run.Out);
        Assert.StartsWith($"dynamo: 1 of 3 members did not answer: {CannedCluster.C}", run.Error);
        Assert.Contains(CannedCluster.UrlB + "/cluster", cluster.Requests);
        Assert.Contains(CannedCluster.UrlC + "/cluster", cluster.Requests);
    }

    [Fact]
    public async Task Cluster_transfers_json_has_every_member_with_its_transfers_or_its_error()
    {
        using var cluster = new CannedCluster();

        var run = await Run(cluster, "cluster", "transfers", "--json");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var members = json.RootElement.GetProperty("members").EnumerateArray().ToDictionary(m => m.GetProperty("address").GetString()!);
        Assert.Equal(2, members[CannedCluster.A].GetProperty("transfers").GetArrayLength());
        Assert.Equal("Sending", members[CannedCluster.A].GetProperty("transfers")[0].GetProperty("state").GetString());
        Assert.False(members[CannedCluster.C].GetProperty("answered").GetBoolean());
        Assert.Contains("Connection refused", members[CannedCluster.C].GetProperty("error").GetString());
    }

    [Fact]
    public async Task Stats_show_each_member_with_requests_latency_hints_repairs_and_handoff_and_a_section_it_could_not_fill()
    {
        using var cluster = new CannedCluster();

        var run = await Run(cluster, "stats");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Contains($"node {CannedCluster.A}: id 127.0.0.1:4053, storage sqlite, 11 partitions owned, up since 2026-01-02 03:04:05Z", run.Out);
        Assert.Matches(@"│ get\s+│ 42\s+│ 200=40 404=2\s+│ 1\.25\s+│ 3\.5\s+│ 7\s+│ 12\.5\s+│", run.Out);
        Assert.Contains("coordinated: get not_found=2 ok=40; put ok=17", run.Out);
        Assert.Contains("hints: 3 pending (127.0.0.1:4055: 3), 4 stored, 1 delivered, 2 failed batches", run.Out);
        Assert.Contains("hints: not available: the hinted handoff did not answer within 2000 ms", run.Out);
        Assert.Contains("read repair: 7 sent (5 stale, 2 missing)", run.Out);
        Assert.Contains("handoff: 1 active, 1 completed, 0 refused, 1,284 objects sent", run.Out);
        Assert.Contains("anti-entropy: 12 exchanges completed, 1 failed, 3 keys repaired, 1,500 hashes exchanged, oldest last exchange 30 s ago", run.Out);
        Assert.Contains($"node {CannedCluster.C}: did not answer", run.Out);
        Assert.StartsWith($"dynamo: 1 of 3 members did not answer: {CannedCluster.C}", run.Error);
    }

    [Fact]
    public async Task Stats_for_one_node_given_with_node_ask_that_node_only()
    {
        using var cluster = new CannedCluster();

        var run = await Run(cluster, "stats", "--node", CannedCluster.UrlB, "--json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(new[] { CannedCluster.UrlB + "/stats" }, cluster.Requests);
        using var json = JsonDocument.Parse(run.Out);
        var only = Assert.Single(json.RootElement.GetProperty("nodes").EnumerateArray().ToList());
        Assert.Equal(17, only.GetProperty("stats").GetProperty("requests").GetProperty("put").GetProperty("204").GetInt32());
        Assert.Contains("did not answer", only.GetProperty("sectionErrors").GetProperty("hints").GetString());
        Assert.Contains("\"startedAt\": \"2026-01-02T03:04:05+00:00\"", run.Out);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task A_timeout_that_is_no_duration_is_a_usage_error()
    {
        using var cluster = new CannedCluster();

        var run = await Run(cluster, "cluster", "transfers", "--timeout", "soon");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--timeout must be a duration", run.Error);
        Assert.Empty(cluster.Requests);
    }
}
