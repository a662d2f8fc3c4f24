using System.Text;
using System.Text.Json;
using Dynamo.Core.Partitioning;
using Dynamo.Testing;

namespace Dynamo.Cluster.Tests.Faults;

/// <summary>
/// What the fault scenarios share: where a key's replicas live in the ring a node routes by, waiting for hints
/// to be delivered, and a failed verdict with the timeline of every key it flags.
/// </summary>
internal static class Scenarios
{
    /// <summary>The replication factor of the scenarios' buckets (the default N).</summary>
    public const int N = 3;

    /// <summary>
    /// Nodes without fault injection, for scenarios that restart a node on its address and cut no link: Akka.Remote's
    /// throttler adapter (which fault injection runs on every node) loses the replies to a restarted incarnation, so
    /// its join is never answered; plain TCP, as in production, admits it.
    /// </summary>
    public static ProcessClusterOptions Restartable { get; } = new() { FaultInjection = false };

    /// <summary>The ring node <paramref name="observer"/> routes by.</summary>
    public static async Task<Ring> RingAsync(ProcessCluster cluster, int observer, CancellationToken ct)
    {
        var owners = await cluster.RingAsync(observer, ct);
        return new Ring(owners.Distinct(), owners);
    }

    /// <summary>The node ids of the N primaries of <paramref name="key"/> in <paramref name="ring"/>.</summary>
    public static IReadOnlyList<string> Primaries(Ring ring, string bucket, string key) =>
        PreferenceList.ForPartition(ring, ring.PartitionOf(Encoding.UTF8.GetBytes(bucket), Encoding.UTF8.GetBytes(key)), N)
            .Primaries.Select(e => e.Node).ToList();

    /// <summary>The first <paramref name="count"/> keys named <c>{prefix}{i}</c> whose primaries pass <paramref name="select"/>.</summary>
    public static IReadOnlyList<string> KeysWhere(Ring ring, string bucket, string prefix, int count, Func<IReadOnlyList<string>, bool> select)
    {
        var keys = Enumerable.Range(0, 10_000).Select(i => $"{prefix}{i}")
            .Where(k => select(Primaries(ring, bucket, k))).Take(count).ToList();
        if (keys.Count < count) throw new InvalidOperationException($"only {keys.Count} keys named {prefix}… have the wanted primaries in a ring of {ring.Members.Length} nodes.");
        return keys;
    }

    /// <summary>The index of the running node whose id is <paramref name="nodeId"/>.</summary>
    public static int IndexOf(ProcessCluster cluster, string nodeId) =>
        cluster.Nodes.Single(n => n.NodeId == nodeId).Index;

    /// <summary>Hints still waiting on node <paramref name="index"/> (<c>hints.pendingTotal</c> of <c>/stats</c>).</summary>
    public static async Task<long> PendingHintsAsync(ProcessCluster cluster, int index, CancellationToken ct)
    {
        var body = await cluster[index].Http.GetStringAsync("stats", ct);
        using var json = JsonDocument.Parse(body);
        var hints = json.RootElement.GetProperty("hints");
        return hints.TryGetProperty("pendingTotal", out var pending)
            ? pending.GetInt64()
            : throw new InvalidOperationException($"node {index} gave no hint figures: {hints}");
    }

    /// <summary>Waits until no running node holds a hint any more (every fallback delivered to the owners).</summary>
    public static Task AwaitHintsDeliveredAsync(ProcessCluster cluster, TimeSpan timeout, CancellationToken ct) =>
        cluster.AwaitAsync(async token =>
        {
            foreach (var i in cluster.Running)
            {
                var pending = await PendingHintsAsync(cluster, i, token);
                if (pending > 0) return (false, $"node {i} still holds {pending} hints");
            }
            return (true, "");
        }, "every hint to be delivered to its owner", timeout, ct);

    /// <summary>
    /// The verdict and, for every key it flags, that key's last writes with their times, and the reads and writes
    /// around the first few flagged writes: whether a read ever saw them, and what was written from those reads.
    /// </summary>
    public static string Explain(CheckVerdict verdict, History history) =>
        verdict.Describe() + "\n" + string.Join("\n", verdict.Violations.Select(v => v.Key).Distinct().Select(k => history.Timeline(k)))
        + "\n" + string.Join("\n", verdict.Violations.Where(v => v.Write is not null).Select(v => (v.Key, v.Write!.Id)).Distinct().Take(3)
            .Select(w => history.Journal(w.Key, w.Id, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1))));
}
