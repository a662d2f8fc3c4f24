using Dynamo.Storage.PostgreSql;
using Dynamo.Storage.Tests.Support;
using Dynamo.TestSupport;
using Npgsql;

namespace Dynamo.Storage.Tests.PostgreSql;

/// <summary>What the PostgreSQL plugin does with unreachable servers, newer or damaged schemas, and shared databases.</summary>
public sealed class PostgreSqlStorageTests : IAsyncLifetime
{
    private readonly List<string> schemas = [];
    private readonly CancellationTokenSource timeout = new(TimeSpan.FromSeconds(30));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var schema in schemas)
            await TestPostgres.DropSchemaAsync(schema);
        timeout.Dispose();
    }

    private string NewSchema()
    {
        var schema = TestPostgres.NewSchema();
        schemas.Add(schema);
        return schema;
    }

    private Task<PostgreSqlStoragePlugin> OpenAsync(string schema, string? connectionString = null) =>
        PostgreSqlStoragePlugin.OpenAsync(
            new PostgreSqlSettings { ConnectionString = connectionString ?? TestPostgres.ConnectionString!, Schema = schema },
            "node", new GroupCommitSettings(), timeout.Token);

    [Fact]
    public async Task Server_that_does_not_listen_is_reported_as_unavailable()
    {
        var port = FreePorts.One();

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => OpenAsync(
            "unused", $"Host=127.0.0.1;Port={port};Username=nobody;Password=none;Database=none;Timeout=5"));

        Assert.Contains($"127.0.0.1:{port}", error.Message);
        Assert.Contains("Cannot reach PostgreSQL", error.Message);
    }

    [Fact]
    public async Task Schema_name_that_is_not_a_plain_identifier_is_rejected_before_connecting()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => OpenAsync("Bad\"; DROP SCHEMA public; --", "Host=127.0.0.1;Port=1"));

        Assert.Contains("not a valid schema name", error.Message);
    }

    [PostgresFact]
    public async Task Wrong_password_is_reported_as_unavailable()
    {
        var builder = new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString) { Password = "wrong-password" };

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() => OpenAsync(NewSchema(), builder.ToString()));

        Assert.Contains("28P01", error.Message);
    }

    [PostgresFact]
    public async Task Schema_of_a_newer_version_is_refused_and_left_in_place()
    {
        var schema = NewSchema();
        await (await OpenAsync(schema)).DisposeAsync();
        await TestPostgres.ExecuteAsync($"INSERT INTO \"{schema}\".schema_version VALUES (2)");

        var error = await Assert.ThrowsAsync<StorageSchemaVersionException>(() => OpenAsync(schema));

        Assert.Equal((2, 1), (error.FoundVersion, error.SupportedVersion));
        Assert.Contains(schema, error.Message);
        await using var dataSource = NpgsqlDataSource.Create(TestPostgres.ConnectionString!);
        await using var command = dataSource.CreateCommand($"SELECT max(version) FROM \"{schema}\".schema_version");
        Assert.Equal(2, await command.ExecuteScalarAsync());
    }

    [PostgresFact]
    public async Task Value_shorter_than_its_recorded_length_is_reported_as_truncated()
    {
        var schema = NewSchema();
        await using (var plugin = await OpenAsync(schema))
            await plugin.KeyValues.PutAsync(2, [new KeyValueEntry(new byte[] { 0xFF, 0x01 }, Bytes.Pattern(5, 2048))]);
        await TestPostgres.ExecuteAsync($"UPDATE \"{schema}\".kv SET value = substring(value from 1 for 10)");
        await using var reopened = await OpenAsync(schema);

        var onGet = await Assert.ThrowsAsync<StorageCorruptionException>(() => reopened.KeyValues.GetAsync(2, new byte[] { 0xFF, 0x01 }).AsTask());
        var onFold = await Assert.ThrowsAsync<StorageCorruptionException>(async () =>
        {
            await foreach (var _ in reopened.KeyValues.FoldAsync(2))
            {
            }
        });

        Assert.Contains("10 bytes stored but 2048 recorded", onGet.Message);
        Assert.Contains("key 0xFF01", onFold.Message);
    }

    [PostgresFact]
    public async Task Nodes_sharing_a_database_keep_to_their_own_schemas()
    {
        var (a, b) = ($"t{Guid.NewGuid():N}"[..20], $"t{Guid.NewGuid():N}"[..20]);
        schemas.AddRange([$"dynamo_{a}", $"dynamo_{b}"]);
        StorageSettings Node(string id) => new()
        {
            Plugin = StoragePlugins.PostgreSql,
            NodeId = id,
            PostgreSql = new PostgreSqlSettings { ConnectionString = TestPostgres.ConnectionString! },
        };
        await using var nodeA = await StoragePlugins.CreateAsync(Node(a));
        await using var nodeB = await StoragePlugins.CreateAsync(Node(b));

        await nodeA.KeyValues.PutAsync(0, [new KeyValueEntry(Bytes.Of("k"), Bytes.Of("a"))]);
        await nodeB.Metadata.SetAsync(MetadataKeys.NodeId, Bytes.Of(b));

        Assert.Null(await nodeB.KeyValues.GetAsync(0, Bytes.Of("k")));
        Assert.Null(await nodeA.Metadata.GetAsync(MetadataKeys.NodeId));
        Assert.Equal($"dynamo_{a}", ((PostgreSqlStoragePlugin)nodeA).Schema);
    }

    [PostgresFact]
    public async Task Puts_waiting_together_share_one_commit()
    {
        var schema = NewSchema();
        await using var plugin = await OpenAsync(schema);
        const int puts = 200;

        // Hold a lock on the table so that the writer cannot finish a commit while the puts
        // queue up; released, it must take the whole queue in one transaction.
        await using var dataSource = NpgsqlDataSource.Create(TestPostgres.ConnectionString!);
        await using var blocker = await dataSource.OpenConnectionAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand($"LOCK TABLE \"{schema}\".kv IN EXCLUSIVE MODE", blocker, hold))
            await lockTable.ExecuteNonQueryAsync();
        var writes = Enumerable.Range(0, puts)
            .Select(i => plugin.KeyValues.PutAsync(0, [new KeyValueEntry(Bytes.Of($"k{i:D3}"), Bytes.Pattern(i, 1024))]))
            .ToArray();
        await hold.RollbackAsync();
        await Task.WhenAll(writes).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(puts, await plugin.KeyValues.CountAsync(0));
        Assert.InRange(plugin.Commits, 1, 2);
    }
}
