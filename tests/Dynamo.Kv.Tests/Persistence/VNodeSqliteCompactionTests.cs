using Akka.Actor;
using Akka.Configuration;
using Dynamo.Configuration;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Persistence;
using Dynamo.Kv.VNodes;
using Dynamo.TestSupport;
using Microsoft.Data.Sqlite;

namespace Dynamo.Kv.Tests.Persistence;

/// <summary>Journal compaction of a vnode on the node's real journal: Akka.Persistence.Sql on a SQLite file.</summary>
public sealed class VNodeSqliteCompactionTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeFactor.Dilated(TimeSpan.FromSeconds(10));
    // A read that misses the cache waits for the journal: on a loaded build machine longer than the default allows.
    private static readonly VNodeSettings Tiny = new() { CompactionMinEvents = 20, CompactionGarbageRatio = 1.0, JournalReadTimeout = TimeFactor.Dilated(TimeSpan.FromSeconds(5)) };
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dynamo-compaction-tests", Guid.NewGuid().ToString("N"));

    [Fact(Timeout = 120_000)]
    public async Task Compacted_sqlite_journal_keeps_few_rows_and_a_restarted_node_reads_every_latest_object()
    {
        var dynamo = ConfigurationFactory.ParseString($"""
            dynamo.persistence.plugin = sqlite
            dynamo.persistence.sqlite.data-directory = "{_directory}"
            """).WithFallback(DynamoConfig.Reference());
        var latest = new Dictionary<string, SiblingSet>();
        const int rounds = 50;
        CompactionStats stats;
        await using (var node = await StartAsync(dynamo))
        {
            using var cache = new ValueCache(1024 * 1024);
            var vnode = node.System.ActorOf(VNode.Props("a", 0, Tiny, cache));
            for (var round = 0; round < rounds; round++)
            {
                foreach (var key in new[] { "k0", "k1", "k2", "k3" })
                {
                    var put = Put(key, $"{key}-v{round}", latest.GetValueOrDefault(key)?.Context);
                    latest[key] = (await vnode.Ask<CoordinatedPutAck>(put, Wait)).Object;
                }
            }
            stats = await CompactedAsync(vnode);
        }

        // The plugin deletes the rows up to a cut but keeps the cut's own, marked deleted, to remember the highest sequence number.
        var rows = Convert.ToInt64(JournalConfig.QueryLikeThePlugin(dynamo, "SELECT count(*) FROM journal WHERE persistence_id = 'vnode-0'"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(stats.Compactions >= 2, $"{stats}");
        Assert.InRange(rows, 1, stats.LastSequenceNr - stats.CompactedTo + 1);
        Assert.True(rows < 4 * rounds / 2, $"{rows} rows left of {stats.LastSequenceNr} events");

        await using (var node = await StartAsync(dynamo))
        {
            using var empty = new ValueCache(0);
            var vnode = node.System.ActorOf(VNode.Props("a", 0, Tiny, empty));
            foreach (var (key, set) in latest)
            {
                var reply = await vnode.Ask<object>(new ReplicaGet("b", Bytes(key)), Wait);
                if (reply is VNodeFailure failure) Assert.Fail($"reading {key}: {failure.Reason}");
                Assert.Equal(set, Assert.IsType<ReplicaGetResult>(reply).Object);
            }
        }
    }

    public void Dispose()
    {
        // Pooled connections keep the file open; release them so the folder can go.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    private static async Task<CompactionStats> CompactedAsync(IActorRef vnode)
    {
        CompactionStats? stats = null;
        await Eventually.AssertAsync(async () =>
        {
            stats = await vnode.Ask<CompactionStats>(GetCompactionStats.Instance, Wait);
            Assert.True(stats.Compactions >= 1 && !stats.Running, $"{stats}");
        }, TimeSpan.FromSeconds(60));
        return stats!;
    }

    // The node's journal as the node sets it up, with the key-value serializers its vnode events need. Akka.Persistence.Sql
    // sends itself messages no serializer can write, so this system skips serialize-messages.
    private static Task<TestNode> StartAsync(Config dynamo) =>
        TestNode.StartAsync(
            ConfigurationFactory.ParseString("akka.actor.serialize-messages = off").WithFallback(JournalConfig.For(dynamo, "n")).WithFallback(KvTestConfig.Local),
            JournalConfig.SetupFor(dynamo, "n"),
            Wait);

    private static CoordinatedPut Put(string key, string value, CausalContext? context) =>
        new("b", Bytes(key), context ?? CausalContext.Empty, new Sibling(Bytes(value), SiblingMetadata.Value(1, "text/plain")), false, SiblingLimits.Default);

    private static byte[] Bytes(string text) => System.Text.Encoding.UTF8.GetBytes(text);
}
