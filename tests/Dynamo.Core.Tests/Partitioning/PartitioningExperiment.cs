using Dynamo.Core.Partitioning;

namespace Dynamo.Core.Tests.Partitioning;

/// <summary>
/// The paper's load-balancing experiment (§6.2, Figure 8): S nodes, N replicas, many uniformly
/// hashed keys; a node's load counts every replica it holds. Efficiency = mean load ÷ hottest
/// node's load. Strategies are compared at equal membership information: M tokens in all,
/// i.e. T = M/S random tokens per node for strategies 1 and 2, and Q = M partitions for
/// strategies 2 and 3. Key positions come from a seeded generator, so a run is reproducible.
/// The experiment runs on a 64-bit ring: enough resolution for the spread, and fast.
/// </summary>
public sealed class PartitioningExperiment(int nodes, int replicas, int keys, int seed)
{
    /// <summary>Load-balancing efficiency of one strategy with <paramref name="tokens"/> tokens in all.</summary>
    public double Efficiency(PartitioningStrategy strategy, int tokens)
    {
        var rng = new Random(seed + tokens * 31 + (int)strategy);
        var load = new long[nodes];
        Func<ulong, int[]> replicasOf = strategy switch
        {
            PartitioningStrategy.RandomTokens => RandomTokenPlacement(rng, tokens / nodes),
            PartitioningStrategy.RandomTokensEqualPartitions => EqualPartitionsOnRandomTokens(rng, tokens / nodes, tokens),
            PartitioningStrategy.EqualPartitionsPerNode => EqualPartitionsPerNode(tokens),
            _ => throw new ArgumentOutOfRangeException(nameof(strategy)),
        };

        var keyRng = new Random(seed);
        for (var k = 0; k < keys; k++)
        {
            foreach (var node in replicasOf(NextPosition(keyRng)))
            {
                load[node]++;
            }
        }

        return load.Average() / load.Max();
    }

    /// <summary>Strategy 3 with our own claim on a power-of-two Q, as the store runs it.</summary>
    public double ClaimEfficiency(int q)
    {
        var members = Enumerable.Range(0, nodes).Select(i => $"node-{i:D2}").ToList();
        var ring = new Claimant(q, replicas).Claim(null, members);
        var index = members.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => x.i);
        var lists = Enumerable.Range(0, q)
            .Select(p => PreferenceList.ForPartition(ring, p, replicas).Entries.Select(e => index[e.Node]).ToArray())
            .ToArray();
        var load = new long[nodes];
        var keyRng = new Random(seed);
        for (var k = 0; k < keys; k++)
        {
            var position = NextPosition(keyRng);
            foreach (var node in lists[(int)(position >> (64 - RingSize.Bits(q)))])
            {
                load[node]++;
            }
        }

        return load.Average() / load.Max();
    }

    private Func<ulong, int[]> RandomTokenPlacement(Random rng, int perNode)
    {
        var (positions, owners) = RandomTokens(rng, perNode);
        return key => Walk(positions, owners, FirstTokenAtOrAfter(positions, key));
    }

    private Func<ulong, int[]> EqualPartitionsOnRandomTokens(Random rng, int perNode, int q)
    {
        var (positions, owners) = RandomTokens(rng, perNode);
        var width = ulong.MaxValue / (ulong)q + 1;
        // A partition goes to the first N distinct nodes clockwise from its end, as in the paper.
        var lists = Enumerable.Range(0, q)
            .Select(p => Walk(positions, owners, FirstTokenAtOrAfter(positions, (ulong)p * width + (width - 1))))
            .ToArray();
        return key => lists[(int)Math.Min((ulong)(q - 1), key / width)];
    }

    private Func<ulong, int[]> EqualPartitionsPerNode(int q)
    {
        // Q/S consecutive-stripe assignment: partition p belongs to node p mod S.
        var width = ulong.MaxValue / (ulong)q + 1;
        var lists = Enumerable.Range(0, q)
            .Select(p => Enumerable.Range(0, Math.Min(replicas, nodes)).Select(i => (p + i) % nodes).ToArray())
            .ToArray();
        return key => lists[(int)Math.Min((ulong)(q - 1), key / width)];
    }

    private (ulong[] Positions, int[] Owners) RandomTokens(Random rng, int perNode)
    {
        var tokens = new List<(ulong Position, int Owner)>(nodes * perNode);
        for (var n = 0; n < nodes; n++)
        {
            for (var t = 0; t < perNode; t++)
            {
                tokens.Add((NextPosition(rng), n));
            }
        }

        tokens.Sort((a, b) => a.Position.CompareTo(b.Position));
        return ([.. tokens.Select(t => t.Position)], [.. tokens.Select(t => t.Owner)]);
    }

    private int[] Walk(ulong[] positions, int[] owners, int start)
    {
        var result = new List<int>(replicas);
        for (var k = 0; k < positions.Length && result.Count < replicas; k++)
        {
            var owner = owners[(start + k) % positions.Length];
            if (!result.Contains(owner))
            {
                result.Add(owner);
            }
        }

        return [.. result];
    }

    private static int FirstTokenAtOrAfter(ulong[] positions, ulong key)
    {
        var i = Array.BinarySearch(positions, key);
        i = i >= 0 ? i : ~i;
        return i == positions.Length ? 0 : i;
    }

    private static ulong NextPosition(Random rng) => (ulong)rng.NextInt64() << 1 ^ (ulong)rng.Next(2);
}
