using System.Text;
using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using Dynamo.Core.Partitioning;
using Dynamo.Kv.AntiEntropy;
using Dynamo.Kv.Hints;
using Dynamo.Kv.Routing;
using Dynamo.Kv.VNodes;
using Dynamo.Protocol;
using Google.Protobuf;

namespace Dynamo.Kv.Tests;

/// <summary>Logical nodes, each in its own actor system in this process, reaching each other through a shared directory.</summary>
internal sealed class KvCluster : IAsyncDisposable
{
    public static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(20);

    private readonly Dictionary<string, ActorSystem> _systems = new(StringComparer.Ordinal);

    private KvCluster(KvSettings settings, Ring ring)
    {
        Settings = settings;
        Ring = ring;
        Directory = new BlackholeDirectory(Local);
    }

    public KvSettings Settings { get; }

    public Ring Ring { get; }

    public LocalNodeDirectory Local { get; } = new();

    public BlackholeDirectory Directory { get; }

    public IReadOnlyList<string> Nodes => Ring.Members;

    /// <summary>
    /// Starts nodes "a", "b", "c", ... with the ring the claimant gives them; tombstones are kept unless a reap delay is given.
    /// Vnodes and hints persist to Akka.Persistence.TestKit's in-memory journal of their node's system unless
    /// <paramref name="journal"/> gives a node's persistence settings.
    /// </summary>
    public static async Task<KvCluster> StartAsync(
        int nodeCount = 3,
        TimeSpan? requestTimeout = null,
        TimeSpan? tombstoneReapDelay = null,
        HintedHandoffSettings? hintedHandoff = null,
        AntiEntropySettings? antiEntropy = null,
        Func<string, Config>? journal = null)
    {
        var settings = new KvSettings
        {
            RingPartitions = 16,
            RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(15),
            TombstoneReapDelay = tombstoneReapDelay,
            HintedHandoff = hintedHandoff ?? new HintedHandoffSettings(),
            // Off unless asked: scheduled repairs would undo the divergence other tests set up on purpose.
            AntiEntropy = antiEntropy ?? new AntiEntropySettings { Enabled = false },
        };
        var nodes = Enumerable.Range(0, nodeCount).Select(i => ((char)('a' + i)).ToString()).ToList();
        var ring = new Claimant(settings.RingPartitions).Claim(null, nodes);
        var cluster = new KvCluster(settings, ring);
        foreach (var node in nodes)
        {
            var config = (journal?.Invoke(node) ?? VNodeJournal.TestPlugins).WithFallback(KvTestConfig.Local);
            var system = ActorSystem.Create("node-" + node, config);
            cluster._systems[node] = system;
            cluster.Local.Register(node, system);
            system.ActorOf(KvRouter.Props(node, cluster.Directory, settings), KvPaths.RouterName);
        }
        foreach (var node in nodes)
        {
            var installed = await cluster.Router(node).Ask<RingInstalled>(new RingChanged(ring), AskTimeout);
            Assert.Equal(ring.PartitionsOf(node), installed.Partitions);
        }
        return cluster;
    }

    public ICanTell Router(string node) => Local.RouterOf(node)!;

    /// <summary>What the hinted handoff of <paramref name="node"/> holds and did, through its router.</summary>
    public Task<HintStats> HintStatsAsync(string node) => Router(node).Ask<HintStats>(GetHintStats.Instance, AskTimeout);

    /// <summary>The actor system of a node, whose journal holds its vnodes' events and its hints.</summary>
    public ActorSystem SystemOf(string node) => _systems[node];

    /// <summary>The vnode itself, bypassing any blackhole.</summary>
    public ICanTell VNode(string node, int partition) => Local.VNodeOf(node, partition)!;

    public PreferenceList PreferenceListOf(string bucket, string key, int n = 3) =>
        PreferenceList.ForPartition(Ring, Ring.PartitionOf(Encoding.UTF8.GetBytes(bucket), Encoding.UTF8.GetBytes(key)), n);

    public Task<object> Ask(string node, object request) => Router(node).Ask(request, AskTimeout);

    /// <summary>
    /// Makes <paramref name="bucket"/> hold one replica per key (n = r = w = 1) and finds a key whose replica is not on
    /// <paramref name="node"/>, so that a request for it there is forwarded.
    /// </summary>
    public async Task<(string Key, PreferenceListEntry Owner)> KeyHeldOnlyElsewhereAsync(string bucket, string node)
    {
        await SetBucketPropsAsync(bucket, new BucketProps { N = 1, R = 1, W = 1 });
        var key = Enumerable.Range(0, 100).Select(i => $"k{i}").First(k => PreferenceListOf(bucket, k, 1).Entries[0].Node != node);
        return (key, PreferenceListOf(bucket, key, 1).Entries[0]);
    }

    public async Task<PutResult> PutAsync(string node, string bucket, string key, string value, ByteString? context = null, uint? w = null)
    {
        var reply = await Ask(node, Requests.Put(bucket, key, value, context, w));
        return reply as PutResult ?? throw new Xunit.Sdk.XunitException($"expected PutResult, got {reply}");
    }

    public async Task<GetResult> GetAsync(string node, string bucket, string key, uint? r = null)
    {
        var reply = await Ask(node, Requests.Get(bucket, key, r));
        return reply as GetResult ?? throw new Xunit.Sdk.XunitException($"expected GetResult, got {reply}");
    }

    public async Task SetBucketPropsAsync(string bucket, BucketProps props)
    {
        foreach (var node in Nodes)
        {
            var reply = await Ask(node, new SetBucketProps { Bucket = bucket, Props = props });
            Assert.IsType<BucketPropsResult>(reply);
        }
    }

    /// <summary>What one replica stores, read straight from its vnode.</summary>
    public Task<ReplicaGetResult> ReadReplicaAsync(string node, int partition, string bucket, string key) =>
        VNode(node, partition).Ask<ReplicaGetResult>(new ReplicaGet(bucket, Encoding.UTF8.GetBytes(key)), AskTimeout);

    public async ValueTask DisposeAsync()
    {
        foreach (var system in _systems.Values)
        {
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }
}
