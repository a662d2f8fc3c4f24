using System.Collections.Immutable;
using System.Diagnostics;
using Dynamo.Actors.Cluster.Daemon;
using Dynamo.Actors.Cluster.Protocol;
using Dynamo.Actors.Configuration;
using Dynamo.Actors.TestKit;

namespace Dynamo.Actors.Cluster.Tests.Nodes;

/// <summary>Join retries, stale gossip and removed nodes stopping themselves, on real nodes over loopback TCP.</summary>
[Collection("cluster-nodes")]
public sealed class ClusterLifecycleTests : IAsyncLifetime
{
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(15);
    private readonly ClusterNodes _nodes = new();
    private readonly List<ActorSystem> _others = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _nodes.DisposeAsync();
        await Task.WhenAll(_others.Select(s => s.Terminate())).WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static bool SelfUp(ActorSystem system) => Cluster.Get(system).State.SelfStatus == MemberStatus.Up;

    [Fact]
    public async Task A_join_left_unwelcomed_is_retried_after_retry_unsuccessful_join_after()
    {
        // A seed that acknowledges InitJoin but never welcomes: only the retry can make the joiner ask again soon,
        // since the seed process itself repeats only every seed-node-timeout / 2 = 15 s here.
        var seedPort = FreePorts.One();
        var seed = ClusterActorSystem.Create("cluster", ConfigurationFactory.ParseString(
            ClusterNodes.Hocon(seedPort, []).Replace("provider = cluster", "provider = remote")));
        _others.Add(seed);
        var joins = new JoinCounter();
        seed.SystemActorOf(Props.Create(() => new SilentSeed(joins)), ClusterCoreDaemon.Name);

        _nodes.Start(FreePorts.One(), [seedPort], extraHocon: "dynamo.cluster { seed-node-timeout = 30s, retry-unsuccessful-join-after = 300ms }");

        await ClusterNodes.Eventually(() => joins.Count >= 3, TimeSpan.FromSeconds(10), "three Joins reach the silent seed");
    }

    [Fact]
    public async Task Gossip_that_waited_longer_than_gossip_time_to_live_is_dropped_and_fresh_gossip_is_applied()
    {
        var port = FreePorts.One();
        var node = _nodes.Start(port, [port], extraHocon: "dynamo.cluster { gossip-time-to-live = 1s, run-coordinated-shutdown-when-down = off }");
        await ClusterNodes.Eventually(() => SelfUp(node), Converge, "the single node is Up");
        var self = Cluster.Get(node).SelfUniqueAddress;
        var other = new UniqueAddress(ClusterNodes.AddressAt(FreePorts.One()), 42);
        // Gossip naming this incarnation as removed: applied, it makes the node see itself Removed.
        var removal = new Gossip(ImmutableSortedSet<Member>.Empty, new GossipOverview(ImmutableSortedSet<UniqueAddress>.Empty, Reachability.Empty),
            VectorClock.Empty.Increment(other.VectorClockName), ImmutableSortedDictionary<UniqueAddress, long>.Empty.Add(self, 1));
        var core = node.ActorSelection($"/system/{ClusterCoreDaemon.Name}");

        core.Tell(new GossipEnvelope(other, self, removal) { ReceivedAt = Stopwatch.GetTimestamp() - Stopwatch.Frequency * 5 }, null);
        await Task.Delay(500);
        Assert.Equal(MemberStatus.Up, Cluster.Get(node).State.SelfStatus);

        core.Tell(new GossipEnvelope(other, self, removal) { ReceivedAt = Stopwatch.GetTimestamp() }, null);
        await ClusterNodes.Eventually(() => Cluster.Get(node).State.SelfStatus == MemberStatus.Removed, Converge, "the fresh gossip is applied");
        Assert.False(node.WhenTerminated.IsCompleted, "run-coordinated-shutdown-when-down = off keeps the removed node's system running");
    }

    [Fact]
    public async Task A_node_that_left_terminates_its_actor_system_while_the_others_stay_up()
    {
        var ports = Enumerable.Range(0, 3).Select(_ => FreePorts.One()).ToArray();
        var systems = ports.Select(p => _nodes.Start(p, ports.Take(2))).ToArray();
        await ClusterNodes.Eventually(() => systems.All(s => Cluster.Get(s).State.Members.Count(m => m.Status == MemberStatus.Up) == 3),
            Converge, "three nodes Up everywhere");
        var leaver = systems[2];

        Cluster.Get(leaver).Leave(leaver.Address);

        await leaver.WhenTerminated.WaitAsync(Converge);
        var stayers = systems.Take(2).ToArray();
        await ClusterNodes.Eventually(() => stayers.All(s => Cluster.Get(s).State is { Members.Count: 2, Convergence: true }),
            Converge, "the two others converge without the leaver");
        Assert.All(stayers, s => Assert.False(s.WhenTerminated.IsCompleted));
        Assert.All(stayers, s => Assert.Equal(MemberStatus.Up, Cluster.Get(s).State.SelfStatus));
    }

    private sealed class JoinCounter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Add() => Interlocked.Increment(ref _count);
    }

    private sealed class SilentSeed : ReceiveActor
    {
        public SilentSeed(JoinCounter joins)
        {
            Receive<InitJoin>(_ => Sender.Tell(new InitJoinAck(Context.System.Address), Self));
            Receive<Join>(_ => joins.Add());
        }
    }
}
