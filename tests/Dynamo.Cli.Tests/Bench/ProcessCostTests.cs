using Dynamo.Cli.Bench;

namespace Dynamo.Cli.Tests.Bench;

/// <summary>Reading a node's cumulative costs from its Prometheus scrape, and turning two samples into a cost per operation.</summary>
public sealed class ProcessCostTests
{
    private const string Scrape = """
        # TYPE dotnet_process_cpu_time_seconds_total counter
        dotnet_process_cpu_time_seconds_total{cpu_mode="user",otel_scope_name="System.Runtime"} 12.5 1700000000000
        dotnet_process_cpu_time_seconds_total{cpu_mode="system",otel_scope_name="System.Runtime"} 2.5
        dotnet_gc_heap_total_allocated_bytes_total{otel_scope_name="System.Runtime"} 1048576
        dotnet_gc_pause_time_seconds_total 0.25
        dotnet_gc_collections_total{gc_heap_generation="gen0"} 40
        dotnet_gc_collections_total{gc_heap_generation="gen1"} 4
        dotnet_monitor_lock_contentions_total 7
        dotnet_thread_pool_work_item_count_total 3000
        dynamo_process_context_switches_total{kind="voluntary",dynamo_node="a"} 900
        dynamo_process_context_switches_total{kind="involuntary",dynamo_node="a"} 100
        dynamo_requests_total{dynamo_operation="put"} 5
        """;

    [Fact]
    public void A_scrape_gives_each_counter_summed_over_its_series()
    {
        var cost = ProcessCost.FromPrometheus(Scrape);

        Assert.Equal(new ProcessCost(15, 1048576, 0.25, 44, 7, 3000, 1000), cost);
    }

    [Fact]
    public void A_scrape_without_the_runtime_counters_gives_nothing()
    {
        Assert.Null(ProcessCost.FromPrometheus("dynamo_requests_total{dynamo_operation=\"put\"} 5\n"));
    }

    [Fact]
    public void Two_samples_give_the_cost_per_operation_and_the_gc_share_of_the_time_between_them()
    {
        var before = new ProcessCost(10, 1024 * 1024, 1, 10, 0, 100, 50);
        var after = new ProcessCost(12, (1024 + 2000) * 1024, 1.5, 14, 20, 2100, 1050);

        var perOperation = CostPerOperation.Of("node", after.Since(before), operations: 1000, seconds: 10);

        Assert.Equal(new CostPerOperation("node", 2000, 2, 5, 4, 0.02, 2, 1), perOperation);
    }
}
