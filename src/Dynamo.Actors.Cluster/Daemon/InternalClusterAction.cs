using System.Collections.Immutable;

namespace Dynamo.Actors.Cluster.Daemon;

/// <summary>Commands and ticks inside one node's cluster daemon (Akka's InternalClusterAction and ClusterUserAction).</summary>
internal static class InternalClusterAction
{
    /// <summary>Join the cluster through the given seed nodes (the first may start a new cluster).</summary>
    public sealed record JoinSeedNodes(ImmutableArray<Address> Seeds);

    /// <summary>Mark the member at the address Leaving.</summary>
    public sealed record Leave(Address Address);

    /// <summary>Mark the member at the address Down.</summary>
    public sealed record Down(Address Address);

    /// <summary>Start sending events of the given types to the subscriber.</summary>
    public sealed record Subscribe(IActorRef Subscriber, ClusterSubscriptionInitialState InitialState, ImmutableArray<Type> To);

    /// <summary>Stop sending events (of one type, or all when null) to the subscriber.</summary>
    public sealed record Unsubscribe(IActorRef Subscriber, Type? To);

    /// <summary>The heartbeat sender's verdicts: the monitored nodes and those its detectors now consider unavailable.</summary>
    public sealed record FailureDetectorVerdicts(ImmutableSortedSet<UniqueAddress> Monitored, ImmutableSortedSet<UniqueAddress> Unavailable);

    /// <summary>The members the heartbeat sender should monitor, and which of them this node sees unreachable.</summary>
    public sealed record HeartbeatTargets(ImmutableSortedSet<UniqueAddress> Nodes, ImmutableSortedSet<UniqueAddress> Unreachable);

    /// <summary>Periodic: gossip to a peer.</summary>
    public sealed record GossipTick
    {
        public static readonly GossipTick Instance = new();
    }

    /// <summary>Periodic: leader actions (only the leader acts, only on convergence).</summary>
    public sealed record LeaderActionsTick
    {
        public static readonly LeaderActionsTick Instance = new();
    }

    /// <summary>Periodic while joining: ask the seed nodes again, or start a new cluster as the first seed.</summary>
    public sealed record JoinSeedNodesTick
    {
        public static readonly JoinSeedNodesTick Instance = new();
    }

    /// <summary>Once, retry-unsuccessful-join-after after a Join was sent: if no Welcome came, the seed process runs again.</summary>
    public sealed record JoinRetryTick
    {
        public static readonly JoinRetryTick Instance = new();
    }

    /// <summary>Once, a few gossip rounds after this node saw itself Down: time for the others to see it too before it stops.</summary>
    public sealed record ShutdownWhenDownTick
    {
        public static readonly ShutdownWhenDownTick Instance = new();
    }

    /// <summary>Periodic: send heartbeats to this node's receivers.</summary>
    public sealed record HeartbeatTick
    {
        public static readonly HeartbeatTick Instance = new();
    }

    /// <summary>Periodic: report failure-detector verdicts to the core daemon.</summary>
    public sealed record ReapUnreachableTick
    {
        public static readonly ReapUnreachableTick Instance = new();
    }

    /// <summary>A receiver has not answered its first heartbeat in time: start its detector's clock anyway.</summary>
    public sealed record ExpectedFirstHeartbeat(UniqueAddress From);
}
