using Dynamo.Storage.CrashWriter;
using Dynamo.Storage.Tests.Support;

namespace Dynamo.Storage.Tests.Crash;

/// <summary>
/// Kills a writing process with SIGKILL at a random moment and checks that every write it saw
/// acknowledged is in the store afterwards: the durability contract of the durable plugins.
/// </summary>
public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task Acknowledged_sqlite_writes_survive_a_kill()
    {
        using var directory = new TempDirectory();
        var settings = new StorageSettings { Sqlite = new SqliteSettings { DataDirectory = directory.Path } };

        // Three kills of writers on the same file: recovery must also work on a file that was
        // itself recovered from a kill.
        for (var round = 0; round < 3; round++)
        {
            var acknowledged = await CrashWriterProcess.RunUntilKilledAsync(["sqlite", directory.Path], seed: round);
            await AssertAllPresentAsync(settings, acknowledged);
        }
    }

    [PostgresFact]
    public async Task Acknowledged_postgresql_writes_survive_a_kill()
    {
        var schema = TestPostgres.NewSchema();
        var settings = new StorageSettings
        {
            Plugin = StoragePlugins.PostgreSql,
            PostgreSql = new PostgreSqlSettings { ConnectionString = TestPostgres.ConnectionString!, Schema = schema },
        };
        try
        {
            for (var round = 0; round < 2; round++)
            {
                var acknowledged = await CrashWriterProcess.RunUntilKilledAsync(["postgresql", TestPostgres.ConnectionString!, schema], seed: round);
                await AssertAllPresentAsync(settings, acknowledged);
            }
        }
        finally
        {
            await TestPostgres.DropSchemaAsync(schema);
        }
    }

    private static async Task AssertAllPresentAsync(StorageSettings settings, IReadOnlyList<(int Writer, int Sequence)> acknowledged)
    {
        Assert.NotEmpty(acknowledged);
        await using var plugin = await StoragePlugins.CreateAsync(settings);
        var missing = new List<string>();
        foreach (var (writer, sequence) in acknowledged)
        {
            var key = CrashWorkload.Key(writer, sequence);
            var value = await plugin.KeyValues.GetAsync(CrashWorkload.Partition(writer), key);
            if (value is null || !value.AsSpan().SequenceEqual(CrashWorkload.Value(key)))
                missing.Add(CrashWorkload.Line(writer, sequence).TrimEnd());
        }
        Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged writes lost or wrong: {string.Join(", ", missing.Take(10))}");
    }
}
