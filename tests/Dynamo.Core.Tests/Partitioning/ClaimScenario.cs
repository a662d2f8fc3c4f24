using Dynamo.Core.Partitioning;

namespace Dynamo.Core.Tests.Partitioning;

/// <summary>Shared helpers for claim tests: node names, lower bounds on movement, feasibility.</summary>
internal static class ClaimScenario
{
    /// <summary>Node names that do not sort in join order, so joiners land anywhere in the member order.</summary>
    public static string Node(int i) => $"node-{i * 7919 % 1000:D3}";

    public static List<string> Nodes(int count) => [.. Enumerable.Range(0, count).Select(Node)];

    /// <summary>Whether N distinct owners in every window is achievable at all for (Q, S, N).</summary>
    public static bool TargetNFeasible(int q, int s, int n) =>
        s >= n && q >= n && (q + s - 1) / s * n <= q;

    /// <summary>
    /// Fewest partitions that must change owner to reach a balanced ring for <paramref name="members"/>:
    /// each member keeps at most its share, and the Q mod S larger shares go to the members holding most.
    /// </summary>
    public static int MinimumMoves(Ring previous, IReadOnlyList<string> members)
    {
        var q = previous.PartitionCount;
        var s = members.Count;
        var held = members.Select(m => previous.PartitionsOf(m).Count).OrderByDescending(c => c).ToArray();
        var moves = 0;
        for (var k = 0; k < s; k++)
        {
            var share = q / s + (k < q % s ? 1 : 0);
            moves += Math.Max(0, share - held[k]);
        }

        return moves;
    }

    public static (int Min, int Max) Loads(Ring ring) =>
        ring.Members.Select(m => ring.PartitionsOf(m).Count).Aggregate((Min: int.MaxValue, Max: 0),
            (acc, c) => (Math.Min(acc.Min, c), Math.Max(acc.Max, c)));

    public static bool AdjacentOwnersDistinct(Ring ring)
    {
        for (var p = 0; p < ring.PartitionCount; p++)
        {
            if (ring.OwnerOf(p) == ring.OwnerOf((p + 1) % ring.PartitionCount))
            {
                return false;
            }
        }

        return true;
    }
}
