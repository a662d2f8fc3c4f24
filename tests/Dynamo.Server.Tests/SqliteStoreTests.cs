using System.Net;
using Dynamo.Configuration;
using Dynamo.Kv.Persistence;
using Dynamo.Storage;

namespace Dynamo.Server.Tests;

/// <summary>The API over SQLite files in a temporary directory.</summary>
public sealed class SqliteStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dynamo-server-" + Guid.NewGuid().ToString("N"));

    [Fact(Timeout = 60_000)]
    public async Task A_value_written_over_http_is_read_back_after_the_node_restarts()
    {
        string context;
        await using (var server = await TestServer.StartAsync(openStorage: OpenAsync, journal: Journal))
        {
            context = await server.Client.PutOkAsync("docs", "readme", "# Dynamo");
        }

        await using var restarted = await TestServer.StartAsync(openStorage: OpenAsync, journal: Journal);
        using var get = await restarted.Client.GetAsync("/buckets/docs/keys/readme");

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("# Dynamo", await get.Content.ReadAsStringAsync());
        Assert.Equal(context, Api.ContextOf(get));
        using var stats = await restarted.Client.GetAsync("/stats");
        Assert.Equal("sqlite", (await Api.JsonOf(stats)).GetProperty("node").GetProperty("storagePlugin").GetString());
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    // The vnodes' journal: one SQLite file per node, where the node's other storage is. Akka.Persistence.Sql
    // sends itself messages no serializer can write, so these systems skip serialize-messages.
    private Akka.Configuration.Config Journal(string node) => Akka.Configuration.ConfigurationFactory.ParseString("akka.actor.serialize-messages = off").WithFallback(JournalConfig.For(
        Akka.Configuration.ConfigurationFactory.ParseString($$"""
            dynamo.persistence { plugin = sqlite, sqlite.data-directory = "{{Path.Combine(_directory, node).Replace('\\', '/')}}" }
            """).WithFallback(DynamoConfig.Reference()),
        node));

    private Task<IStoragePlugin> OpenAsync(string node) =>
        StoragePlugins.CreateAsync(new StorageSettings
        {
            Plugin = StoragePlugins.Sqlite,
            NodeId = node,
            Sqlite = new SqliteSettings { DataDirectory = Path.Combine(_directory, node), Synchronous = SynchronousMode.Normal },
        });
}
