using System.Text;
using Akka.Actor;
using Akka.Configuration;
using Dynamo.Core.Partitioning;
using Dynamo.Kv.Diagnostics;
using Dynamo.Protocol;
using Dynamo.TestSupport;

namespace Dynamo.Client.Tests;

/// <summary>Waits, clients and counts the client-driven tests share.</summary>
internal static class ClientDriven
{
    /// <summary>Until <paramref name="client"/> coordinates by a ring of which it reaches <paramref name="nodes"/> nodes.</summary>
    public static Task RingKnownAsync(DynamoActorClient client, int nodes, CancellationToken ct) =>
        UntilAsync(() => Task.FromResult(client.Ring?.ReachableNodes == nodes), $"the client has a ring of {nodes} reachable nodes", ct);

    /// <summary>A client-only actor system whose clients send every request through ClusterClient to their contact member.</summary>
    public static ActorSystem ThroughContactSystem(string name) => DynamoActorClient.CreateSystem(name, ConfigurationFactory
        .ParseString("akka.loglevel = ERROR\ndynamo.client.client-driven-coordination = off").WithFallback(TestConfig.Akka));

    /// <summary>Sets <paramref name="bucket"/>'s n (r and w as large) and waits until every node of <paramref name="cluster"/> routes by it.</summary>
    public static async Task SetNEverywhereAsync(ThreeNodes cluster, string bucket, int n, CancellationToken ct)
    {
        await cluster.Client.SetBucketPropsAsync(bucket, new DynamoBucketProps(n, n, n, DynamoConflictMode.Siblings), ct);
        await UntilAsync(async () =>
        {
            var answers = await Task.WhenAll(cluster.Nodes.Where(node => !node.System.WhenTerminated.IsCompleted)
                .Select(node => node.AskAsync(new GetBucketProps { Bucket = bucket }, TimeSpan.FromSeconds(5), ct)));
            return answers.All(a => a is BucketPropsResult result && result.Props.N == n);
        }, $"every node has bucket {bucket}'s n = {n}", ct);
    }

    /// <summary>
    /// An HTTP client of node 0 that coordinates by the ring, polled every <paramref name="pollInterval"/>, once
    /// <paramref name="bucket"/>'s n is <paramref name="n"/> everywhere and the client's ring reaches all three nodes.
    /// </summary>
    public static async Task<DynamoHttpClient> HttpClientByRingAsync(ThreeHttpNodes cluster, string bucket, int n, TimeSpan pollInterval, CancellationToken ct)
    {
        await SetNEverywhereAsync(cluster, bucket, n, ct);
        var client = new DynamoHttpClient(cluster.Http, cluster.Endpoints[0],
            new DynamoHttpClientOptions { ClientDrivenCoordination = true, RingPollInterval = pollInterval });
        await UntilAsync(() => Task.FromResult(client.Ring?.ReachableNodes == 3), "the client has a ring of three reachable endpoints", ct);
        return client;
    }

    /// <summary>How many requests the nodes of <paramref name="cluster"/> have forwarded to a node of the key's preference list.</summary>
    public static long Forwarded(ThreeNodes cluster) => cluster.Nodes.Sum(n => KvMetrics.For(n.System, n.NodeId).ForwardedCount);

    /// <summary>The one value of <paramref name="read"/>, as UTF-8 text.</summary>
    public static string Text(DynamoGetResult read) => Encoding.UTF8.GetString(Assert.Single(read.Siblings).Value.Span);

    /// <summary>The node that owns <paramref name="key"/> of <paramref name="bucket"/> on <paramref name="ring"/>.</summary>
    public static string OwnerOf(Ring ring, string bucket, string key) =>
        ring.OwnerOf(ring.PartitionOf(Encoding.UTF8.GetBytes(bucket), Encoding.UTF8.GetBytes(key)));

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, CancellationToken ct)
    {
        while (!await condition())
        {
            if (ct.IsCancellationRequested) throw new TimeoutException($"Gave up waiting until {what}.");
            await Task.Delay(100, CancellationToken.None);
        }
    }
}
