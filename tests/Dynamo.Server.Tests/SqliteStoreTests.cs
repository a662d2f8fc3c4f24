using System.Net;
using Dynamo.Configuration;
using Dynamo.Kv.Persistence;

namespace Dynamo.Server.Tests;

/// <summary>The API over SQLite files in a temporary directory.</summary>
public sealed class SqliteStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dynamo-server-" + Guid.NewGuid().ToString("N"));

    [Fact(Timeout = 60_000)]
    public async Task A_value_written_over_http_is_read_back_after_the_node_restarts()
    {
        string context;
        await using (var server = await TestServer.StartAsync(journal: Journal))
        {
            context = await server.Client.PutOkAsync("docs", "readme", "# Dynamo");
        }

        await using var restarted = await TestServer.StartAsync(journal: Journal);
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

    // The node's journal: one SQLite file per node, with the node's persistence section beside it (the stats name
    // its plugin). Akka.Persistence.Sql sends itself messages no serializer can write, so these systems skip
    // serialize-messages.
    private Akka.Configuration.Config Journal(string node)
    {
        var persistence = Akka.Configuration.ConfigurationFactory.ParseString($$"""
            dynamo.persistence { plugin = sqlite, sqlite.data-directory = "{{Path.Combine(_directory, node).Replace('\\', '/')}}", sqlite.synchronous = normal }
            """);
        return Akka.Configuration.ConfigurationFactory.ParseString("akka.actor.serialize-messages = off")
            .WithFallback(JournalConfig.For(persistence.WithFallback(DynamoConfig.Reference()), node))
            .WithFallback(persistence);
    }
}
