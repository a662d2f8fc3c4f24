using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using Dynamo.Kv.Hosting;
using Dynamo.TestSupport;

namespace Dynamo.Client.Tests;

/// <summary>
/// Three key-value nodes in this process on loopback TCP (in-memory storage, n = 3, r = w = 2), a member of the same
/// cluster that runs no store and reaches it through <see cref="StoreProxy"/>, and a client-only actor system
/// (provider remote, no member, <c>serialize-messages</c> on) whose <see cref="DynamoActorClient"/> has every node as a
/// first contact.
/// </summary>
public class ThreeNodes : IAsyncLifetime
{
    /// <summary>The actor system name of every member (the reference default).</summary>
    public const string SystemName = "dynamo";

    /// <summary>The largest value the nodes accept, small so that refusing a larger one is cheap.</summary>
    public const int MaxValueSize = 4096;

    private static readonly TimeSpan FormTimeout = TimeFactor.Dilated(TimeSpan.FromSeconds(40));

    private readonly List<KvNode> _nodes = [];
    private ActorSystem? _member;
    private ActorSystem? _clientSystem;

    /// <summary>The store's nodes.</summary>
    public IReadOnlyList<KvNode> Nodes => _nodes;

    /// <summary>The client-only actor system.</summary>
    public ActorSystem ClientSystem => _clientSystem!;

    /// <summary>The client through ClusterClient, from the client-only system.</summary>
    public DynamoActorClient Client { get; private set; } = null!;

    /// <summary>The member that runs no store (role <c>app</c>).</summary>
    public ActorSystem Member => _member!;

    /// <summary>The member's proxy to the store: Akka's cluster-aware group router over the nodes' request routers.</summary>
    public IActorRef Proxy { get; private set; } = ActorRefs.Nobody;

    /// <summary>The nodes' addresses, as a client is given them.</summary>
    public IReadOnlyList<string> Addresses => [.. _nodes.Select(n => n.Cluster.SelfAddress.ToString())];

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        int[] ports = [.. Enumerable.Range(0, 3).Select(_ => FreePorts.One())];
        for (var i = 0; i < ports.Length; i++)
            _nodes.Add(await KvNode.StartAsync(NodeOverrides(i).WithFallback(NodeConfig(ports[i], ports[0]))).WaitAsync(FormTimeout));
        await AwaitRingAsync();
        await NodesUpAsync();
        if (WithMember) await StartMemberAsync(ports[0]);

        // The client asks for the ring every second, so that a test sees a bucket's new n soon.
        _clientSystem = DynamoActorClient.CreateSystem("client", ConfigurationFactory
            .ParseString("akka.loglevel = ERROR\ndynamo.client.ring-poll-interval = 1s").WithFallback(TestConfig.Akka));
        Client = new DynamoActorClient(_clientSystem, Addresses, TimeSpan.FromSeconds(10));
    }

    /// <summary>Whether the fixture starts the member that runs no store.</summary>
    protected virtual bool WithMember => true;

    /// <summary>Settings over node <paramref name="index"/>'s own.</summary>
    protected virtual Config NodeOverrides(int index) => Config.Empty;

    /// <summary>What to start once the nodes route by one ring, before the member and the client.</summary>
    protected virtual Task NodesUpAsync() => Task.CompletedTask;

    private async Task StartMemberAsync(int seedPort)
    {
        _member = ActorSystem.Create(SystemName, ConfigurationFactory.ParseString(string.Create(CultureInfo.InvariantCulture, $$"""
            akka.loglevel = ERROR
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
            akka.cluster.seed-nodes = ["akka.tcp://{{SystemName}}@127.0.0.1:{{seedPort}}"]
            akka.cluster.roles = ["app"]
            {{Timings}}
            """)).WithFallback(TestConfig.ClusterMember).WithFallback(Kv.Remoting.KvSerialization.Config));
        Proxy = _member.ActorOf(StoreProxy.Props("dynamo"), StoreProxy.Name);
        var memberCluster = Akka.Cluster.Cluster.Get(_member);
        await Until(() => memberCluster.State.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up) == 4, "the member without the store is Up");
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_clientSystem is not null) await _clientSystem.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        if (_member is not null) await _member.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        await Task.WhenAll(_nodes.Select(n => n.DisposeAsync().AsTask())).WaitAsync(TimeSpan.FromSeconds(20));
    }

    // Cluster timings of a few hundred milliseconds, so the members join and see each other quickly.
    private const string Timings = """
        akka.remote.retry-gate-closed-for = 200ms
        akka.cluster {
          seed-node-timeout = 1s
          retry-unsuccessful-join-after = 1s
          gossip-interval = 200ms
          leader-actions-interval = 200ms
          periodic-tasks-initial-delay = 100ms
          failure-detector { heartbeat-interval = 200ms, acceptable-heartbeat-pause = 3s, expected-response-after = 500ms }
        }
        """;

    private static Config NodeConfig(int port, int seedPort) => ConfigurationFactory.ParseString(string.Create(CultureInfo.InvariantCulture, $$"""
        akka.loglevel = ERROR
        akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = {{port}} }
        akka.cluster.seed-nodes = ["akka.tcp://{{SystemName}}@127.0.0.1:{{seedPort}}"]
        dynamo.persistence.plugin = memory
        dynamo.kv {
          ring-partitions = 16
          request-timeout = 2s
          max-value-size = {{MaxValueSize}}
          anti-entropy.enabled = off
        }
        {{Timings}}
        """)).WithFallback(TestConfig.ClusterMember);

    // Every node routes by the same three-member ring, so the first requests find every owner.
    private async Task AwaitRingAsync() => await Until(async () =>
    {
        var rings = await Task.WhenAll(_nodes.Select(n => n.CurrentRingAsync(TimeSpan.FromSeconds(5))));
        return rings.All(r => r.Installed && r.Ring is not null && r.ClaimOrder.Length == 3)
            && rings.All(r => r.Ring!.Owners.SequenceEqual(rings[0].Ring!.Owners));
    }, "the three nodes install the same ring");

    private static Task Until(Func<bool> condition, string what) => Until(() => Task.FromResult(condition()), what);

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + FormTimeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited {FormTimeout.TotalSeconds:0} s for {what}.");
            await Task.Delay(100);
        }
    }
}
