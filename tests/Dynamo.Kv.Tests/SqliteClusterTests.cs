using Akka.Configuration;
using Dynamo.Configuration;
using Dynamo.Kv.Persistence;
using Dynamo.Storage;

namespace Dynamo.Kv.Tests;

/// <summary>The same nodes with their journals and hint stores in real SQLite files.</summary>
public sealed class SqliteClusterTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dynamo-kv-" + Guid.NewGuid().ToString("N"));

    [Fact(Timeout = 60_000)]
    public async Task Acknowledged_writes_are_read_back_after_every_node_restarts()
    {
        Protocol.PutResult first;
        await using (var cluster = await KvCluster.StartAsync(openStorage: OpenAsync, journal: JournalOf))
        {
            first = await cluster.PutAsync("a", "b", "k1", "v1");
            await cluster.PutAsync("b", "b", "k2", "v2");
        }

        await using var restarted = await KvCluster.StartAsync(openStorage: OpenAsync, journal: JournalOf);

        var k1 = await restarted.GetAsync("c", "b", "k1");
        Assert.Equal(["v1"], Requests.Values(k1));
        Assert.Equal(first.Context, k1.Context);
        Assert.Equal(["v2"], Requests.Values(await restarted.GetAsync("a", "b", "k2")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    // The node's Akka.Persistence.Sql journal and snapshot store in a SQLite file of its own directory.
    private Config JournalOf(string node) =>
        JournalConfig.For(ConfigurationFactory.ParseString($$"""
            dynamo.persistence { plugin = sqlite, sqlite.data-directory = "{{Path.Combine(_directory, node, "journal")}}" }
            """).WithFallback(DynamoConfig.Reference()), node);

    private Task<IStoragePlugin> OpenAsync(string node) =>
        StoragePlugins.CreateAsync(new StorageSettings
        {
            Plugin = StoragePlugins.Sqlite,
            NodeId = node,
            Sqlite = new SqliteSettings { DataDirectory = Path.Combine(_directory, node) },
        });
}
