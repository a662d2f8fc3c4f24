using Xunit.Abstractions;

namespace Dynamo.Core.Tests.Partitioning;

/// <summary>
/// Reproduces the paper's partitioning comparison (§6.2): S = 30 nodes, N = 3, 300,000 keys,
/// seed 2007. Run alone with
/// <c>dotnet test tests/Dynamo.Core.Tests --filter PartitioningTable --logger "console;verbosity=detailed"</c>.
/// </summary>
public sealed class PartitioningTableTests(ITestOutputHelper output)
{
    private const int Nodes = 30;
    private const int Replicas = 3;
    private const int Keys = 300_000;
    private const int Seed = 2007;

    [Fact]
    public void PartitioningTable_strategy_3_balances_best_and_reaches_095_from_960_partitions()
    {
        var experiment = new PartitioningExperiment(Nodes, Replicas, Keys, Seed);
        output.WriteLine($"Load-balancing efficiency (mean ÷ max load), S={Nodes}, N={Replicas}, {Keys:N0} keys, seed {Seed}");
        output.WriteLine("tokens M  T=M/S  strategy 1  strategy 2  strategy 3");
        foreach (var perNode in new[] { 4, 8, 16, 32, 64, 128 })
        {
            var tokens = perNode * Nodes;
            var s1 = experiment.Efficiency(PartitioningStrategy.RandomTokens, tokens);
            var s2 = experiment.Efficiency(PartitioningStrategy.RandomTokensEqualPartitions, tokens);
            var s3 = experiment.Efficiency(PartitioningStrategy.EqualPartitionsPerNode, tokens);
            output.WriteLine($"{tokens,8} {perNode,6} {s1,11:F3} {s2,11:F3} {s3,11:F3}");
            Assert.True(s3 > s1, $"M={tokens}: strategy 3 ({s3:F3}) should beat strategy 1 ({s1:F3})");
            Assert.True(s3 > s2, $"M={tokens}: strategy 3 ({s3:F3}) should beat strategy 2 ({s2:F3})");
            if (tokens >= 960)
            {
                Assert.True(s3 >= 0.95, $"M={tokens}: strategy 3 reached only {s3:F3}");
            }
        }

        output.WriteLine("Strategy 3 as the store runs it (power-of-two Q, Claimant):");
        foreach (var q in new[] { 256, 1024, 4096 })
        {
            var e = experiment.ClaimEfficiency(q);
            output.WriteLine($"Q={q,5}: {e:F3}");
            if (q >= 1024)
            {
                Assert.True(e >= 0.95, $"Q={q}: claim reached only {e:F3}");
            }
        }
    }
}
