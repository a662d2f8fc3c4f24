using System.Net;
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
        await using (var server = await TestServer.StartAsync(openStorage: OpenAsync))
        {
            context = await server.Client.PutOkAsync("docs", "readme", "# Dynamo");
        }

        await using var restarted = await TestServer.StartAsync(openStorage: OpenAsync);
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

    private Task<IStoragePlugin> OpenAsync(string node) =>
        StoragePlugins.CreateAsync(new StorageSettings
        {
            Plugin = StoragePlugins.Sqlite,
            NodeId = node,
            Sqlite = new SqliteSettings { DataDirectory = Path.Combine(_directory, node), Synchronous = SynchronousMode.Normal },
        });
}
