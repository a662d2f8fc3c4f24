using Dynamo.Cli.Bench;

namespace Dynamo.Cli.Tests.Bench;

/// <summary>The runner against in-memory targets: phases, counts, mixes, contexts, and open-loop latency.</summary>
public sealed class BenchRunnerTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static BenchSettings Settings(Workload workload, long operations, int clients = 4) => new()
    {
        Nodes = [new Uri("http://127.0.0.1:1/")],
        Workload = workload,
        Records = 200,
        Operations = operations,
        Clients = clients,
        ValueSize = 16,
        Distribution = workload.DefaultDistribution,
        Seed = 7,
    };

    [Fact]
    public async Task The_load_phase_inserts_every_record_once_and_the_run_measures_exactly_the_operations_asked()
    {
        var store = new FakeStore();

        var result = await new BenchRunner(Settings(Workload.A, operations: 2_000), [store]).RunAsync().WaitAsync(Bound);

        Assert.Equal(200, result.Load.Records);
        Assert.Equal(0, result.Load.Errors);
        Assert.Equal(200, store.Keys);
        Assert.Equal(2_000, result.Total.Count);
        Assert.Equal(0, result.Total.Errors);
        Assert.Equal(2_000, result.Operations.Sum(o => o.Count));
        Assert.Equal(200 + 2_000, store.Gets + store.Puts);
        var read = Assert.Single(result.Operations, o => o.Operation == "read");
        Assert.InRange(read.Count, 850, 1150);
    }

    [Fact]
    public async Task Written_values_have_the_value_size_and_differ_from_write_to_write()
    {
        var store = new FakeStore();

        await new BenchRunner(Settings(Workload.C, operations: 1), [store]).RunAsync().WaitAsync(Bound);

        var values = store.StoredValues.ToArray();
        Assert.Equal(200, values.Length);
        Assert.All(values, v => Assert.Equal(16, v.Length));
        Assert.True(values.Select(Convert.ToHexString).Distinct().Count() > 190);
    }

    [Fact]
    public async Task Skipping_the_load_phase_writes_only_the_runs_updates()
    {
        var store = new FakeStore();

        var result = await new BenchRunner(Settings(Workload.A, operations: 300) with { SkipLoad = true }, [store]).RunAsync().WaitAsync(Bound);

        Assert.Equal(0, result.Load.Records);
        var updates = Assert.Single(result.Operations, o => o.Operation == "update");
        Assert.Equal(updates.Count, store.Puts);
    }

    [Fact]
    public async Task Read_modify_write_writes_with_the_context_of_its_read()
    {
        var store = new FakeStore();

        var result = await new BenchRunner(Settings(Workload.F, operations: 400), [store]).RunAsync().WaitAsync(Bound);

        var rmw = Assert.Single(result.Operations, o => o.Operation == "read-modify-write");
        Assert.True(rmw.Count > 100);
        var withContext = store.Writes.Where(w => w.Context is not null).ToArray();
        Assert.Equal(rmw.Count, withContext.Length);
        Assert.All(withContext, w => Assert.False(w.Context!.IsEmpty));
    }

    [Fact]
    public async Task Read_latest_inserts_new_records_and_reads_only_records_written()
    {
        var store = new FakeStore();

        var result = await new BenchRunner(Settings(Workload.D, operations: 2_000), [store]).RunAsync().WaitAsync(Bound);

        var inserts = Assert.Single(result.Operations, o => o.Operation == "insert");
        Assert.Equal(200 + inserts.Count, store.Keys);
        Assert.Equal(0, result.Total.Errors);
    }

    [Fact]
    public async Task Clients_are_spread_over_every_target()
    {
        // Requests that take a little time, so that no client can run through every operation before the others start.
        var stores = Enumerable.Range(0, 3).Select(_ => new FakeStore(TimeSpan.FromMilliseconds(1))).ToArray();

        await new BenchRunner(Settings(Workload.A, operations: 600, clients: 6) with { Records = 30 }, stores).RunAsync().WaitAsync(Bound);

        Assert.All(stores, s => Assert.True(s.Gets > 0 && s.Puts > 0));
    }

    [Fact]
    public async Task Reads_of_records_the_target_lost_count_as_errors_with_their_message()
    {
        var forgetful = new FakeStore(keepsWrites: false);

        var result = await new BenchRunner(Settings(Workload.C, operations: 50), [forgetful]).RunAsync().WaitAsync(Bound);

        Assert.Equal(0, result.Load.Errors);
        Assert.Equal(0, result.Total.Count);
        Assert.Equal(50, result.Total.Errors);
        Assert.Equal(50, Assert.Single(result.Operations).Errors);
        Assert.Equal(50, result.ErrorMessages["read: a loaded record was not found"]);
    }

    [Fact]
    public async Task Open_loop_latency_counts_from_the_intended_start_so_a_slow_target_shows_its_backlog()
    {
        // One client, an operation due every 5 ms, each taking at least 20 ms: the k-th operation cannot start before
        // 20k ms but was due at 5k ms, so its latency grows with k. Measured from its actual start, each would be ~20 ms.
        var slow = new FakeStore(TimeSpan.FromMilliseconds(20));
        var settings = Settings(Workload.C, operations: 40, clients: 1) with { Records = 1, Rate = 200 };

        var result = await new BenchRunner(settings, [slow]).RunAsync().WaitAsync(Bound);

        Assert.Equal(40, result.Total.Count);
        // The last operation was due at 195 ms and finished no earlier than 800 ms.
        Assert.True(result.Total.MaxMs >= 600, $"max latency {result.Total.MaxMs} ms");
        Assert.True(result.Total.P50Ms >= 200, $"median latency {result.Total.P50Ms} ms");
        Assert.True(result.Total.MaxMs > result.Total.P50Ms);
    }
}
