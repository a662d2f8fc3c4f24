using System.Text.Json;
using System.Text.RegularExpressions;

namespace Dynamo.Cli.Tests;

/// <summary>Each command run in process against one real node: what it prints, and what it exits with.</summary>
public sealed partial class CommandTests(OneNode node) : IClassFixture<OneNode>
{
    private Task<CliRun> Run(params string[] args) => InProcessCli.RunAsync([.. args, "--node", node.Url]);

    private static string ContextOf(CliRun run) =>
        ContextLine().Match(run.Out) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException($"no context in: {run.Out}");

    [GeneratedRegex(@"context: (\S+)")]
    private static partial Regex ContextLine();

    [Fact]
    public async Task Cluster_show_lists_the_member_Up_and_reachable_with_its_HTTP_endpoint_and_partitions_and_marks_the_leader()
    {
        var run = await Run("cluster", "show");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(node.Address, run.Out);
        Assert.Contains(node.Url, run.Out);
        Assert.Matches(@"│ Up\s+│ yes\s+│ \S+\s+│ 16\s+│ \*", run.Out);
        Assert.Contains($"leader: {node.Address}", run.Out);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Cluster_show_json_is_the_cluster_view()
    {
        var run = await Run("cluster", "show", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var member = Assert.Single(json.RootElement.GetProperty("members").EnumerateArray().ToList());
        Assert.Equal("Up", member.GetProperty("status").GetString());
        Assert.Equal(node.Address, json.RootElement.GetProperty("leader").GetString());
    }

    [Fact]
    public async Task Cluster_show_of_a_node_that_moves_nothing_says_no_transfers_are_in_progress()
    {
        var run = await Run("cluster", "show");

        Assert.Contains("no transfers in progress", run.Out);
        Assert.DoesNotContain("Transfers", run.Out);
    }

    [Fact]
    public async Task Cluster_transfers_asks_the_member_at_its_HTTP_endpoint_and_exits_0_when_every_member_answered()
    {
        var run = await Run("cluster", "transfers");
        var json = await Run("cluster", "transfers", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("no transfers in progress", run.Out);
        Assert.Contains($"{node.Address}: 0 in progress, 0 completed, 0 refused", run.Out);
        Assert.Equal("", run.Error);
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Out);
        var member = Assert.Single(document.RootElement.GetProperty("members").EnumerateArray().ToList());
        Assert.True(member.GetProperty("answered").GetBoolean());
        Assert.Equal(0, member.GetProperty("transfers").GetArrayLength());
    }

    [Fact]
    public async Task Stats_of_every_member_show_the_requests_made_with_latency_hints_repairs_and_handoff()
    {
        await Run("put", "cli-stats", "k", "v");
        await Run("get", "cli-stats", "k");

        var run = await InProcessCli.RunAsync(["stats"], new Dictionary<string, string> { ["DYNAMO_NODE"] = node.Url });
        var json = await InProcessCli.RunAsync(["stats", "--json"], new Dictionary<string, string> { ["DYNAMO_NODE"] = node.Url });

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"node {node.Address}: id ", run.Out);
        Assert.Matches(@"│ put\s+│ \d+\s+│ (\S+ )?204=\d+", run.Out);
        Assert.Matches(@"│ get\s+│ \d+\s+│ 200=\d+", run.Out);
        Assert.Contains("hints: 0 pending, ", run.Out);
        Assert.Matches(@"read repair: \d+ sent \(\d+ stale, \d+ missing\)", run.Out);
        Assert.Contains("handoff: 0 active, 0 completed, 0 refused, 0 objects sent", run.Out);
        Assert.Equal("", run.Error);
        using var document = JsonDocument.Parse(json.Out);
        var only = Assert.Single(document.RootElement.GetProperty("nodes").EnumerateArray().ToList());
        Assert.Equal(node.Address, only.GetProperty("address").GetString());
        Assert.Equal(16, only.GetProperty("stats").GetProperty("node").GetProperty("ownedPartitions").GetInt32());
        Assert.Empty(only.GetProperty("sectionErrors").EnumerateObject());
    }

    [Fact]
    public async Task Ring_show_prints_the_partition_count_each_owner_and_a_count_per_node()
    {
        var table = await Run("ring", "show");
        var json = await Run("ring", "show", "--json");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("partitions: 16", table.Out);
        Assert.Matches(@"│ 15\s+│ 127\.0\.0\.1:\d+", table.Out);
        Assert.Matches(@"│ 127\.0\.0\.1:\d+\s+│ 16\s+│ 100\.0 %", table.Out);
        using var document = JsonDocument.Parse(json.Out);
        Assert.Equal(16, document.RootElement.GetProperty("partitions").GetArrayLength());
        Assert.Equal(16, document.RootElement.GetProperty("nodes")[0].GetProperty("partitions").GetInt32());
    }

    [Fact]
    public async Task Cluster_sharding_shows_every_partitions_entity_running_on_its_owner()
    {
        var table = await Run("cluster", "sharding");
        var json = await Run("cluster", "sharding", "--json");

        Assert.Equal(0, table.ExitCode);
        Assert.Matches(@"│ 127\.0\.0\.1:\d+\s+│ 16\s+│ 16\s+│", table.Out);
        Assert.Contains("all 16 partitions run in a shard region", table.Out);
        using var document = JsonDocument.Parse(json.Out);
        Assert.Equal(0, document.RootElement.GetProperty("moving").GetArrayLength());
        Assert.Equal(0, document.RootElement.GetProperty("unallocated").GetArrayLength());
        var ring = await Run("ring", "show", "--json");
        using var partitions = JsonDocument.Parse(ring.Out);
        Assert.All(partitions.RootElement.GetProperty("partitions").EnumerateArray(),
            p => Assert.Equal(p.GetProperty("owner").GetString(), p.GetProperty("host").GetString()));
    }

    [Fact]
    public async Task Cluster_show_lists_the_members_roles_but_the_http_endpoint_one_and_json_has_them_all()
    {
        var table = await Run("cluster", "show");
        var json = await Run("cluster", "show", "--json");

        Assert.Matches(@"│ 16\s+│ \*\s+│ dynamo\s+│", table.Out);
        Assert.DoesNotContain("http-endpoint=", table.Out);
        using var document = JsonDocument.Parse(json.Out);
        var roles = document.RootElement.GetProperty("members")[0].GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Equal(["dynamo", "http-endpoint=" + node.Url.TrimEnd('/')], roles);
    }

    [Fact]
    public async Task Cluster_sharding_regions_lists_the_vnode_type_with_the_members_region()
    {
        var table = await Run("cluster", "sharding", "regions");
        var json = await Run("cluster", "sharding", "regions", "--json");

        Assert.Equal(0, table.ExitCode);
        Assert.Matches($@"│ vnode\s+│ {Regex.Escape(node.Address)}\s+│", table.Out);
        Assert.Contains("vnode: 1 region", table.Out);
        Assert.Equal("", table.Error);
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Out);
        var type = Assert.Single(document.RootElement.GetProperty("types").EnumerateArray().ToList());
        Assert.Equal("vnode", type.GetProperty("typeName").GetString());
        Assert.Equal([node.Address], type.GetProperty("regions").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Cluster_sharding_shard_stats_shows_each_partitions_shard_with_its_entity_in_the_region()
    {
        var table = await Run("cluster", "sharding", "shard-stats", "vnode");
        var json = await Run("cluster", "sharding", "shard-stats", "-t", "vnode", "--json");

        Assert.Equal(0, table.ExitCode);
        Assert.Matches($@"│ {Regex.Escape(node.Address)}\s+│ 0\s+│ 1\s+│", table.Out);
        Assert.Matches(@"│\s+│ 15\s+│ 1\s+│", table.Out);
        Assert.Contains($"{node.Address}: 16 shards, 16 entities", table.Out);
        Assert.Contains("vnode: 16 shards, 16 entities in 1 regions", table.Out);
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Out);
        var region = Assert.Single(document.RootElement.GetProperty("regions").EnumerateArray().ToList());
        Assert.Equal(node.Address, region.GetProperty("address").GetString());
        Assert.Equal(16, region.GetProperty("shards").GetArrayLength());
        Assert.All(region.GetProperty("shards").EnumerateArray(), s => Assert.Equal(1, s.GetProperty("entities").GetInt32()));
    }

    [Theory]
    [InlineData("no-such-type")]
    [InlineData("-t", "no-such-type")]
    public async Task Cluster_sharding_shard_stats_of_a_type_the_node_does_not_run_is_a_usage_error_naming_the_types(params string[] type)
    {
        var run = await Run(["cluster", "sharding", "shard-stats", .. type]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Contains("'no-such-type'", run.Error);
        Assert.Contains("vnode", run.Error);
    }

    [Fact]
    public async Task Cluster_sharding_shard_stats_without_a_type_is_a_usage_error()
    {
        var run = await Run("cluster", "sharding", "shard-stats");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("-t <type>", run.Error);
    }

    [Fact]
    public async Task Cluster_down_unreachable_with_nothing_unreachable_says_so_and_exits_0()
    {
        var run = await Run("cluster", "down-unreachable");
        var json = await Run("cluster", "down-unreachable", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("nothing to down", run.Out);
        Assert.DoesNotContain("downed ", run.Out);
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Out);
        Assert.Equal(0, document.RootElement.GetProperty("downed").GetArrayLength());
    }

    [Fact]
    public async Task Put_prints_the_context_that_get_prints_with_the_value()
    {
        var put = await Run("put", "cli", "round-trip", "hello world");
        var get = await Run("get", "cli", "round-trip");

        Assert.Equal(0, put.ExitCode);
        Assert.Equal(0, get.ExitCode);
        Assert.StartsWith("hello world" + Environment.NewLine, get.Out);
        Assert.Equal(ContextOf(put), ContextOf(get));
    }

    [Fact]
    public async Task Put_from_a_file_keeps_its_bytes_and_content_type()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, [0xff, 0x00, 0xfe]);
            var put = await Run("put", "cli", "binary", "--file", file, "--content-type", "application/x-test");
            var get = await Run("get", "cli", "binary", "--json");

            Assert.Equal(0, put.ExitCode);
            using var json = JsonDocument.Parse(get.Out);
            var sibling = json.RootElement.GetProperty("siblings")[0];
            Assert.Equal(Convert.ToBase64String([0xff, 0x00, 0xfe]), sibling.GetProperty("valueBase64").GetString());
            Assert.StartsWith("application/x-test", sibling.GetProperty("contentType").GetString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Two_puts_with_one_context_print_as_siblings_and_a_put_with_the_read_context_resolves_them()
    {
        var first = await Run("put", "cli", "siblings", "v0");
        await Run("put", "cli", "siblings", "left", "--context", ContextOf(first));
        await Run("put", "cli", "siblings", "right", "--context", ContextOf(first));

        var conflicted = await Run("get", "cli", "siblings");
        Assert.Equal(0, conflicted.ExitCode);
        Assert.Contains("2 siblings:", conflicted.Out);
        Assert.Matches(@"│ left\s+│", conflicted.Out);
        Assert.Matches(@"│ right\s+│", conflicted.Out);

        await Run("put", "cli", "siblings", "merged", "--context", ContextOf(conflicted));
        var resolved = await Run("get", "cli", "siblings");
        Assert.StartsWith("merged" + Environment.NewLine, resolved.Out);
    }

    [Fact]
    public async Task Delete_with_the_read_context_leaves_a_key_that_get_reports_deleted_and_exits_1()
    {
        var put = await Run("put", "cli", "doomed", "bye");

        var delete = await Run("delete", "cli", "doomed", "--context", ContextOf(put));
        var get = await Run("get", "cli", "doomed");

        Assert.Equal(0, delete.ExitCode);
        Assert.Contains("deleted; context: ", delete.Out);
        Assert.Equal(1, get.ExitCode);
        Assert.StartsWith("dynamo: deleted: cli/doomed", get.Error);
    }

    [Fact]
    public async Task Get_of_a_key_never_written_says_not_found_on_stderr_and_exits_1()
    {
        var run = await Run("get", "cli", "never-written");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal("dynamo: not found: cli/never-written", run.Error.Trim());
    }

    [Fact]
    public async Task Bucket_props_shows_the_properties_and_sets_only_those_given()
    {
        var before = await Run("bucket", "props", "cli-props", "--json");
        var set = await Run("bucket", "props", "cli-props", "--conflicts", "last-write-wins");
        var after = await Run("bucket", "props", "cli-props", "--json");

        Assert.Equal(0, set.ExitCode);
        Assert.Contains("updated", set.Out);
        using var was = JsonDocument.Parse(before.Out);
        using var now = JsonDocument.Parse(after.Out);
        Assert.Equal("siblings", was.RootElement.GetProperty("conflicts").GetString());
        Assert.Equal("last-write-wins", now.RootElement.GetProperty("conflicts").GetString());
        Assert.Equal(was.RootElement.GetProperty("n").GetInt32(), now.RootElement.GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task Bucket_props_refused_by_the_node_prints_its_reason_and_exits_1()
    {
        var run = await Run("bucket", "props", "cli-bad", "--r", "2");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("answered 400", run.Error);
        Assert.Contains("r must be between 1 and n", run.Error);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Cluster_down_of_an_unknown_member_exits_1_with_the_nodes_404()
    {
        var run = await Run("cluster", "down", "akka.tcp://dynamo@127.0.0.1:1");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("answered 404", run.Error);
    }

    [Fact]
    public async Task Cluster_join_of_something_not_an_address_is_a_usage_error_and_sends_nothing()
    {
        var run = await Run("cluster", "join", "127.0.0.1:4053");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("akka.tcp://", run.Error);
    }

    [Fact]
    public async Task Cluster_join_that_the_node_accepts_prints_its_message_and_exits_0()
    {
        var run = await Run("cluster", "join", node.Address);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(node.Address, run.Out);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task The_node_defaults_to_DYNAMO_NODE()
    {
        var run = await InProcessCli.RunAsync(["cluster", "show", "--json"],
            new Dictionary<string, string> { [CommonOptions.NodeVariable] = node.Url });

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(node.Address, run.Out);
    }
}
