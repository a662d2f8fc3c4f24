using System.Diagnostics;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Persistence;
using BenchmarkDotNet.Attributes;
using Dynamo.Configuration;
using Dynamo.Kv.Persistence;
using Microsoft.Data.Sqlite;

namespace Dynamo.Benchmarks.Persistence;

/// <summary>
/// Events per second of the node's journal (Akka.Persistence.Sql on one SQLite file in WAL mode with
/// synchronous = FULL, set up by <see cref="JournalConfig"/>): 64 persistent actors each persisting 1 KiB events
/// concurrently, with <c>Persist</c> or <c>PersistAsync</c>, under the plugin as it comes and as the node sets it.
/// The cleanup prints events per second and the median and 99th percentile of one event's latency, from the
/// persist call to its handler (an HdrHistogram per invocation, the first third discarded as warm-up).
/// </summary>
public class JournalBenchmarks
{
    private const int Actors = 64;
    private const int EventsPerActor = 64;
    private const int EventSize = 1024;

    // Commands each actor has waiting at once, like a vnode that several coordinators write to: with Persist
    // the actor stashes all but one, with PersistAsync they are all in flight and the actor batches them.
    private const int WaitingPerActor = 8;

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private readonly WriteLatencies _latencies = new();
    private readonly byte[] _payload = new byte[EventSize];
    private ActorSystem _system = null!;
    private IActorRef[] _writers = [];
    private string _directory = "";
    private string _method = "";

    /// <summary>
    /// The settings measured. <c>plugin</c>: Akka.Persistence.Sql's own batching (batch-size 100, parallelism 3,
    /// buffer-size 5000, multi-row inserts with inlined values) on the connection string alone. <c>config</c>:
    /// <see cref="JournalConfig.For"/> alone, with hocon/reference.conf's <c>dynamo.persistence.journal</c> (one
    /// transaction at a time, batch-size 1000, bound parameters). <c>node</c>: the same with
    /// <see cref="JournalConfig.SetupFor"/>, whose connections start their work asynchronously so that writes
    /// arriving meanwhile share the next transaction.
    /// </summary>
    [Params("plugin", "config", "node")]
    public string Batching { get; set; } = "node";

    /// <summary>Starts the actor system on a fresh SQLite journal and recovers the 64 (empty) actors.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        new Random(1).NextBytes(_payload);
        _directory = Path.Combine(Path.GetTempPath(), "dynamo-bench", Guid.NewGuid().ToString("N"));
        var node = ConfigurationFactory.ParseString($"""
            dynamo.persistence.plugin = sqlite
            dynamo.persistence.sqlite.data-directory = "{_directory}"
            dynamo.persistence.sqlite.synchronous = full
            """).WithFallback(DynamoConfig.Reference());
        var persistence = JournalConfig.For(node, "127.0.0.1:4053");
        var setup = JournalConfig.SetupFor(node, "127.0.0.1:4053");
        if (Batching == "plugin")
        {
            persistence = ConfigurationFactory.ParseString("""
                akka.persistence.journal.sql {
                  batch-size = 100, parallelism = 3, buffer-size = 5000
                  prefer-parameters-on-multirow-insert = off, read-isolation-level = unspecified
                }
                """).WithFallback(persistence);
            setup = null;
        }
        else if (Batching == "config")
        {
            setup = null;
        }
        var bootstrap = BootstrapSetup.Create().WithConfig(persistence.WithFallback(QuietLocal.Settings));
        _system = ActorSystem.Create("bench", setup is null ? ActorSystemSetup.Create(bootstrap) : ActorSystemSetup.Create(bootstrap, setup));
        _writers = [.. Enumerable.Range(0, Actors).Select(i => _system.ActorOf(Props.Create(() => new Writer($"vnode-{i}"))))];
        await Task.WhenAll(_writers.Select(w => w.Ask<Ready>(Ready.Instance, Patience)));
    }

    /// <summary>Prints the events per second and latency percentiles, stops the system and removes the file.</summary>
    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _latencies.Print($"{nameof(JournalBenchmarks)}.{_method} Batching={Batching}, events");
        await _system.Terminate().WaitAsync(Patience);
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Every event persisted with <c>Persist</c>: an actor has one event in the journal at a time.</summary>
    [Benchmark(OperationsPerInvoke = Actors * EventsPerActor)]
    public Task Persist() => RunAsync(persistAsync: false);

    /// <summary>Every event persisted with <c>PersistAsync</c>: an actor batches the events of its waiting commands.</summary>
    [Benchmark(OperationsPerInvoke = Actors * EventsPerActor)]
    public Task PersistAsync() => RunAsync(persistAsync: true);

    private async Task RunAsync(bool persistAsync)
    {
        // BenchmarkDotNet runs one method per process: the cleanup names the one that ran.
        _method = persistAsync ? nameof(PersistAsync) : nameof(Persist);
        var round = new Round(Actors * EventsPerActor, _latencies);
        _latencies.BeginInvocation();
        foreach (var writer in _writers)
            writer.Tell(new Start(round, _payload, EventsPerActor, persistAsync));
        await round.Completion.WaitAsync(Patience);
        _latencies.EndInvocation();
    }

    /// <summary>One invocation: counts the events still to be confirmed and records each one's latency.</summary>
    private sealed class Round(int events, WriteLatencies latencies)
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _remaining = events;

        public Task Completion => _done.Task;

        public void Persisted(long start)
        {
            latencies.RecordSince(start);
            if (Interlocked.Decrement(ref _remaining) == 0)
                _done.TrySetResult();
        }
    }

    private sealed record Start(Round Round, byte[] Payload, int Events, bool Async);

    private sealed record Next
    {
        public static Next Instance { get; } = new();
    }

    private sealed record Ready
    {
        public static Ready Instance { get; } = new();
    }

    /// <summary>
    /// Persists the events of a round one command each: it keeps <see cref="WaitingPerActor"/> commands waiting in
    /// its mailbox and sends itself the next once an event's handler ran.
    /// </summary>
    private sealed class Writer : ReceivePersistentActor
    {
        private Start? _round;
        private int _issued;

        public Writer(string persistenceId)
        {
            PersistenceId = persistenceId;
            Command<Ready>(_ => Sender.Tell(Ready.Instance));
            Command<Start>(start =>
            {
                _round = start;
                _issued = 0;
                for (var i = 0; i < Math.Min(WaitingPerActor, start.Events); i++)
                    Self.Tell(Next.Instance);
            });
            Command<Next>(_ => Issue());
        }

        public override string PersistenceId { get; }

        private void Issue()
        {
            if (_round is not { } round || _issued == round.Events) return;
            _issued++;
            var start = Stopwatch.GetTimestamp();
            if (round.Async)
                PersistAsync(round.Payload, _ => Confirmed(round, start));
            else
                Persist(round.Payload, _ => Confirmed(round, start));
        }

        private void Confirmed(Start round, long start)
        {
            round.Round.Persisted(start);
            Self.Tell(Next.Instance);
        }
    }
}
