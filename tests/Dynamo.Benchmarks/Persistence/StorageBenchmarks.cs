using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Dynamo.Storage;

namespace Dynamo.Benchmarks.Persistence;

/// <summary>
/// Durable puts and gets per second of each storage plugin, with 1 KiB values, from one caller
/// and from 64 concurrent callers (where group commit shares each fsync among many writes).
/// PostgreSQL is included when DYNAMO_TEST_POSTGRES names a server. The cleanup prints the puts per second and
/// the median and 99th percentile of one put's latency from 64 writers (HdrHistogram, the first third of the
/// invocations discarded as warm-up), to set beside <see cref="JournalBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class StorageBenchmarks
{
    private const int ValueSize = 1024;
    private const int KeySpace = 100_000;
    private const int PreloadedKeys = 10_000;
    private const int OneWriterPuts = 256;
    private const int ManyWriterPuts = 16_384;
    private const int Gets = 16_384;
    private const int ManyCallers = 64;

    private readonly byte[] value = new byte[ValueSize];
    private readonly WriteLatencies manyWriterLatencies = new();
    private IStoragePlugin plugin = null!;
    private string? directory;
    private string? schema;
    private int nextKey;

    /// <summary>The plugins to measure.</summary>
    public static IEnumerable<string> Backends()
    {
        yield return StoragePlugins.Memory;
        yield return StoragePlugins.Sqlite;
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DYNAMO_TEST_POSTGRES")))
            yield return StoragePlugins.PostgreSql;
    }

    /// <summary>The plugin measured in this run.</summary>
    [ParamsSource(nameof(Backends))]
    public string Backend { get; set; } = StoragePlugins.Sqlite;

    /// <summary>Opens the plugin with durable settings and preloads the keys the gets read.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        new Random(1).NextBytes(value);
        directory = Path.Combine(Path.GetTempPath(), "dynamo-bench", Guid.NewGuid().ToString("N"));
        schema = $"bench_{Guid.NewGuid():N}";
        plugin = await StoragePlugins.CreateAsync(new StorageSettings
        {
            Plugin = Backend,
            Sqlite = new SqliteSettings { DataDirectory = directory, Synchronous = SynchronousMode.Full },
            PostgreSql = new PostgreSqlSettings { ConnectionString = Environment.GetEnvironmentVariable("DYNAMO_TEST_POSTGRES") ?? "", Schema = schema },
        });
        for (var start = 0; start < PreloadedKeys; start += 1000)
            await plugin.KeyValues.PutAsync(0, [.. Enumerable.Range(start, 1000).Select(i => new KeyValueEntry(Key(i), value))]);
    }

    /// <summary>Closes the plugin and removes its data.</summary>
    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        manyWriterLatencies.Print($"{nameof(StorageBenchmarks)} Backend={Backend}, 64-writer puts");
        await plugin.DisposeAsync();
        if (directory is not null && Directory.Exists(directory))
            Directory.Delete(directory, recursive: true);
        if (Backend == StoragePlugins.PostgreSql)
        {
            await using var dataSource = Npgsql.NpgsqlDataSource.Create(Environment.GetEnvironmentVariable("DYNAMO_TEST_POSTGRES")!);
            await using var command = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Durable puts, one at a time: every put waits for its own commit.</summary>
    [Benchmark(OperationsPerInvoke = OneWriterPuts)]
    public async Task Put_1_writer()
    {
        for (var i = 0; i < OneWriterPuts; i++)
            await PutAsync();
    }

    /// <summary>Durable puts from 64 concurrent writers: commits are shared.</summary>
    [Benchmark(OperationsPerInvoke = ManyWriterPuts)]
    public async Task Put_64_writers()
    {
        manyWriterLatencies.BeginInvocation();
        await Task.WhenAll(Enumerable.Range(0, ManyCallers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < ManyWriterPuts / ManyCallers; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await PutAsync();
                manyWriterLatencies.RecordSince(start);
            }
        })));
        manyWriterLatencies.EndInvocation();
    }

    /// <summary>Gets of present keys, one at a time.</summary>
    [Benchmark(OperationsPerInvoke = Gets)]
    public async Task Get_1_reader()
    {
        for (var i = 0; i < Gets; i++)
            await plugin.KeyValues.GetAsync(0, Key(i % PreloadedKeys));
    }

    /// <summary>Gets of present keys from 64 concurrent readers.</summary>
    [Benchmark(OperationsPerInvoke = Gets)]
    public Task Get_64_readers() => Task.WhenAll(Enumerable.Range(0, ManyCallers).Select(reader => Task.Run(async () =>
    {
        for (var i = 0; i < Gets / ManyCallers; i++)
            await plugin.KeyValues.GetAsync(0, Key((reader * 997 + i) % PreloadedKeys));
    })));

    private Task PutAsync()
    {
        var key = Key(Interlocked.Increment(ref nextKey) % KeySpace);
        return plugin.KeyValues.PutAsync(1, [new KeyValueEntry(key, value)]);
    }

    private static byte[] Key(int i) => System.Text.Encoding.ASCII.GetBytes($"key-{i:D8}");
}
