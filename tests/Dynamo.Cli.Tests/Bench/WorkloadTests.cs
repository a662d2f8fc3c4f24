using Dynamo.Cli.Bench;

namespace Dynamo.Cli.Tests.Bench;

/// <summary>The core workloads' operation mixes.</summary>
public sealed class WorkloadTests
{
    private const int Draws = 200_000;

    public static TheoryData<string, double, double, double, double> Mixes => new()
    {
        { "a", 0.50, 0.50, 0, 0 },
        { "b", 0.95, 0.05, 0, 0 },
        { "c", 1.00, 0, 0, 0 },
        { "d", 0.95, 0, 0.05, 0 },
        { "f", 0.50, 0, 0, 0.50 },
    };

    [Theory]
    [MemberData(nameof(Mixes))]
    public void A_workload_draws_each_operation_type_in_its_share(string name, double read, double update, double insert, double readModifyWrite)
    {
        var workload = Workload.Find(name)!;
        var random = new Random(42);

        var counts = Enumerable.Range(0, Draws).Select(_ => workload.Choose(random.NextDouble()))
            .GroupBy(o => o).ToDictionary(g => g.Key, g => g.Count() / (double)Draws);

        Assert.Equal(read, counts.GetValueOrDefault(BenchOperation.Read), 0.01);
        Assert.Equal(update, counts.GetValueOrDefault(BenchOperation.Update), 0.01);
        Assert.Equal(insert, counts.GetValueOrDefault(BenchOperation.Insert), 0.01);
        Assert.Equal(readModifyWrite, counts.GetValueOrDefault(BenchOperation.ReadModifyWrite), 0.01);
    }

    [Fact]
    public void Workload_letters_are_found_in_either_case_and_others_are_not()
    {
        Assert.Same(Workload.D, Workload.Find("D"));
        Assert.Null(Workload.Find("e"));
        Assert.Null(Workload.Find("x"));
    }

    [Fact]
    public void Read_latest_is_defined_with_the_latest_distribution_and_the_others_with_zipfian()
    {
        Assert.Equal(KeyDistribution.Latest, Workload.D.DefaultDistribution);
        Assert.All(new[] { Workload.A, Workload.B, Workload.C, Workload.F }, w => Assert.Equal(KeyDistribution.Zipfian, w.DefaultDistribution));
    }
}
