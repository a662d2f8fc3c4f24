using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Dynamo.Configuration;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Persistence;
using Dynamo.Kv.Remoting;
using Dynamo.Kv.VNodes;
using Microsoft.Data.Sqlite;

namespace Dynamo.Benchmarks.Persistence;

/// <summary>
/// A vnode journal under an overwrite workload, with journal compaction on (the reference thresholds) and off
/// (thresholds out of reach). The global setup writes <see cref="Overwrites"/> 1 KiB values to 10,000 keys through
/// 16 vnodes on one SQLite journal (WAL, <c>synchronous=FULL</c>, set up by <see cref="JournalConfig"/>), 512 writes
/// in flight, waits for compactions under way, and stops the node. The benchmark is a restart: a new actor system
/// on the same file starts the 16 vnodes (owners, each leasing its epochs) and waits until every one has
/// recovered and answers. The cleanup prints the journal's size and rows, the write rate, what compaction did, and
/// the median time from starting the vnodes until all had recovered.
/// </summary>
/// <remarks>
/// <c>DYNAMO_BENCH_OVERWRITES</c> sets the number of writes (1,000,000 by default).
/// </remarks>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class VNodeCompactionBenchmarks
{
    private const int VNodes = 16;
    private const int Keys = 10_000;
    private const int ValueSize = 1024;
    private const int InFlight = 512;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly List<double> _recoveries = [];
    private readonly List<string> _report = [];
    private string _directory = "";
    private Config _node = Config.Empty;

    /// <summary>Journal compaction: <c>on</c> with the reference thresholds, <c>off</c> with thresholds no vnode reaches.</summary>
    [Params("on", "off")]
    public string Compaction { get; set; } = "on";

    /// <summary>Writes in the global setup: <c>DYNAMO_BENCH_OVERWRITES</c>, 1,000,000 by default.</summary>
    public static int Overwrites =>
        int.TryParse(Environment.GetEnvironmentVariable("DYNAMO_BENCH_OVERWRITES"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1_000_000;

    private VNodeSettings Settings => Compaction == "on"
        ? new VNodeSettings()
        : new VNodeSettings { CompactionMinEvents = long.MaxValue / 2, CompactionGarbageRatio = 1e12 };

    /// <summary>Writes the overwrites on a fresh journal and stops the node.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _directory = Path.Combine(Path.GetTempPath(), "dynamo-bench", Guid.NewGuid().ToString("N"));
        _node = ConfigurationFactory.ParseString($"""
            dynamo.persistence.plugin = sqlite
            dynamo.persistence.sqlite.data-directory = "{_directory}"
            dynamo.persistence.sqlite.synchronous = full
            """).WithFallback(DynamoConfig.Reference());
        var system = Start();
        using var cache = new ValueCache(new VNodeSettings().ValueCacheSize);
        var vnodes = StartVNodes(system, cache);
        await Task.WhenAll(vnodes.Select(v => v.Ask<ObjectsHeld>(HoldsObjects.Instance, Patience)));

        var payload = new byte[ValueSize];
        new Random(1).NextBytes(payload);
        var value = new Sibling(payload, SiblingMetadata.Value(1, "application/octet-stream"));
        var keys = Enumerable.Range(0, Keys).Select(k => System.Text.Encoding.UTF8.GetBytes($"key-{k:D5}")).ToArray();
        using var window = new SemaphoreSlim(InFlight);
        var writing = Stopwatch.StartNew();
        for (var i = 0; i < Overwrites; i++)
        {
            await window.WaitAsync();
            var k = i % Keys;
            var put = new CoordinatedPut("b", keys[k], CausalContext.Empty, value, LastWriteWins: true, SiblingLimits.Default);
            _ = vnodes[k % VNodes].Ask<CoordinatedPutAck>(put, Patience).ContinueWith(t =>
            {
                window.Release();
                if (!t.IsCompletedSuccessfully) Console.WriteLine($"// write failed: {t.Exception?.GetBaseException().Message}");
            }, TaskScheduler.Default);
        }
        for (var i = 0; i < InFlight; i++) await window.WaitAsync();
        writing.Stop();

        var stats = await SettledAsync(vnodes);
        var (db, wal) = FileSizes();
        _report.Add($"{Overwrites:N0} writes in {writing.Elapsed.TotalSeconds:0.0} s ({Overwrites / writing.Elapsed.TotalSeconds:N0}/s)");
        _report.Add($"compactions {stats.Sum(s => s.Compactions):N0}, objects rewritten {stats.Sum(s => s.ObjectsRewritten):N0}, " +
            $"sequence numbers deleted {stats.Sum(s => s.EventsDeleted):N0}, events {stats.Sum(s => s.LastSequenceNr):N0}");
        _report.Add($"while running: journal file {Mib(db)}, WAL {Mib(wal)}");
        await system.Terminate().WaitAsync(Patience);
        SqliteConnection.ClearAllPools();
        (db, wal) = FileSizes();
        _report.Add($"after stopping: journal file {Mib(db)}, WAL {Mib(wal)}, {JournalRows()}");
    }

    /// <summary>Restarts the node on the journal and waits until all 16 vnodes recovered.</summary>
    [Benchmark]
    public async Task Restart()
    {
        var system = Start();
        try
        {
            using var cache = new ValueCache(new VNodeSettings().ValueCacheSize);
            var recovering = Stopwatch.StartNew();
            var vnodes = StartVNodes(system, cache);
            var held = await Task.WhenAll(vnodes.Select(v => v.Ask<ObjectsHeld>(HoldsObjects.Instance, Patience)));
            recovering.Stop();
            _recoveries.Add(recovering.Elapsed.TotalMilliseconds);
            if (held.Sum(h => h.Keys) != Keys) throw new InvalidOperationException($"{held.Sum(h => h.Keys)} keys recovered of {Keys}");
        }
        finally
        {
            await system.Terminate().WaitAsync(Patience);
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>Prints the figures and removes the journal.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        var label = $"{nameof(VNodeCompactionBenchmarks)} Compaction={Compaction}";
        foreach (var line in _report) Console.WriteLine($"// {label}: {line}");
        if (_recoveries.Count > 0)
        {
            var sorted = _recoveries.Order().ToList();
            Console.WriteLine($"// {label}: recovery of {VNodes} vnodes over {sorted.Count} restarts: median {sorted[sorted.Count / 2]:0} ms, max {sorted[^1]:0} ms");
        }
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private ActorSystem Start()
    {
        var persistence = JournalConfig.For(_node, "127.0.0.1:4053");
        var setup = JournalConfig.SetupFor(_node, "127.0.0.1:4053");
        var bootstrap = BootstrapSetup.Create().WithConfig(persistence.WithFallback(QuietLocal.Settings).WithFallback(KvSerialization.Config));
        return ActorSystem.Create("bench", setup is null ? ActorSystemSetup.Create(bootstrap) : ActorSystemSetup.Create(bootstrap, setup));
    }

    private IActorRef[] StartVNodes(ActorSystem system, ValueCache cache) =>
        [.. Enumerable.Range(0, VNodes).Select(p => system.ActorOf(VNode.Props("bench", p, Settings, cache, owner: true), $"vnode-{p}"))];

    private static async Task<CompactionStats[]> SettledAsync(IActorRef[] vnodes)
    {
        while (true)
        {
            var stats = await Task.WhenAll(vnodes.Select(v => v.Ask<CompactionStats>(GetCompactionStats.Instance, Patience)));
            if (stats.All(s => !s.Running)) return stats;
            await Task.Delay(100);
        }
    }

    // The journal database and its WAL; the rest of the folder is the WAL index.
    private (long Db, long Wal) FileSizes()
    {
        long db = 0, wal = 0;
        foreach (var file in new DirectoryInfo(_directory).GetFiles())
        {
            if (file.Name.EndsWith("-wal", StringComparison.Ordinal)) wal += file.Length;
            else if (!file.Name.EndsWith("-shm", StringComparison.Ordinal)) db += file.Length;
        }
        return (db, wal);
    }

    private string JournalRows()
    {
        var file = new DirectoryInfo(_directory).GetFiles().Where(f => !f.Name.Contains('-', StringComparison.Ordinal)).OrderByDescending(f => f.Length).First();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file.FullName, Pooling = false }.ToString());
        connection.Open();
        return $"{Scalar(connection, "SELECT count(*) FROM journal"):N0} journal rows, {Scalar(connection, "PRAGMA freelist_count"):N0} free pages of {Scalar(connection, "PRAGMA page_count"):N0}";
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static string Mib(long bytes) => $"{bytes / (1024.0 * 1024.0):0.0} MiB";
}
