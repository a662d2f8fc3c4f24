using System.Collections.Immutable;
using Dynamo.Actors.Cluster.Daemon;
using Dynamo.Actors.Cluster.Protocol;
using Dynamo.Actors.Configuration;
using Dynamo.Actors.Remote;

namespace Dynamo.Actors.Cluster;

/// <summary>
/// Cluster membership of one actor system (Akka's Cluster extension): join through seed nodes, leave, down,
/// subscribe to membership events, and read the current state. Get it with <see cref="Get"/>; the system must
/// have been created with <see cref="ClusterActorSystem.Create"/> (remoting plus the cluster's serializers).
/// Joins the configured <c>dynamo.cluster.seed-nodes</c> on creation when there are any.
/// </summary>
public sealed class Cluster : IExtension
{
    private readonly IActorRef _core;
    private ClusterState _state = ClusterState.Empty;

    private Cluster(ActorSystem system, ClusterSettings settings)
    {
        var provider = system.Provider as RemoteActorRefProvider
            ?? throw new InvalidOperationException($"Cluster needs remoting, but {system} was created without it: set dynamo.actor.provider = cluster and create the system with ClusterActorSystem.Create.");
        try
        {
            provider.Serializers.FindFor(typeof(GossipEnvelope));
        }
        catch (InvalidOperationException)
        {
            throw new InvalidOperationException($"{system} cannot serialize cluster messages: create it with ClusterActorSystem.Create, which binds them.");
        }
        System = system;
        Settings = settings;
        SelfUniqueAddress = new UniqueAddress(provider.Address, provider.Uid);
        system.SystemActorOf(Props.Create(() => new ClusterHeartbeatReceiver(SelfUniqueAddress)), ClusterHeartbeatReceiver.Name);
        _core = system.SystemActorOf(Props.Create(() => new ClusterCoreDaemon(settings, provider, SelfUniqueAddress, s => Volatile.Write(ref _state, s))), ClusterCoreDaemon.Name);
        if (!settings.SeedNodes.IsEmpty) JoinSeedNodes(settings.SeedNodes);
    }

    /// <summary>The cluster extension of <paramref name="system"/>, started on first use with the system's <c>dynamo.cluster</c> settings.</summary>
    /// <exception cref="InvalidOperationException">The system has no remoting or lacks the cluster's serializers.</exception>
    public static Cluster Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.RegisterExtension(ClusterExtensionId.Instance);
    }

    /// <summary>The system this extension belongs to.</summary>
    public ActorSystem System { get; }

    /// <summary>The settings it runs with.</summary>
    public ClusterSettings Settings { get; }

    /// <summary>This node's address.</summary>
    public Address SelfAddress => SelfUniqueAddress.Address;

    /// <summary>This node's incarnation: its address and the uid of this start.</summary>
    public UniqueAddress SelfUniqueAddress { get; }

    /// <summary>The cluster as this node sees it now (members, own status, reachability, leader, convergence).</summary>
    public ClusterState State => Volatile.Read(ref _state);

    /// <summary>This node as a member, or null before it joined.</summary>
    public Member? SelfMember => State.Members.FirstOrDefault(m => m.UniqueAddress.Equals(SelfUniqueAddress));

    /// <summary>
    /// Sends <paramref name="subscriber"/> the events of the given types (e.g. <c>typeof(MemberEvent)</c>,
    /// <c>typeof(ReachabilityEvent)</c>, <c>typeof(LeaderChanged)</c>, or <c>typeof(ClusterEvent)</c> for all), after
    /// the initial state in the chosen form.
    /// </summary>
    /// <exception cref="ArgumentException">No type was given, or a type is not a cluster event.</exception>
    public void Subscribe(IActorRef subscriber, ClusterSubscriptionInitialState initialState, params Type[] to)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        if (to.Length == 0) throw new ArgumentException("Subscribe to at least one event type, e.g. typeof(MemberEvent).", nameof(to));
        foreach (var type in to)
            if (!typeof(ClusterEvent).IsAssignableFrom(type))
                throw new ArgumentException($"{type} is not a cluster event type (derive from {nameof(ClusterEvent)}).", nameof(to));
        _core.Tell(new InternalClusterAction.Subscribe(subscriber, initialState, [.. to]), null);
    }

    /// <summary>Subscribes with a <see cref="CurrentClusterState"/> snapshot as initial state.</summary>
    public void Subscribe(IActorRef subscriber, params Type[] to) => Subscribe(subscriber, ClusterSubscriptionInitialState.AsSnapshot, to);

    /// <summary>Stops sending events of type <paramref name="to"/> (all types when null) to <paramref name="subscriber"/>.</summary>
    public void Unsubscribe(IActorRef subscriber, Type? to = null)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        _core.Tell(new InternalClusterAction.Unsubscribe(subscriber, to), null);
    }

    /// <summary>Joins the cluster <paramref name="address"/> belongs to; joining one's own address starts a new cluster.</summary>
    public void Join(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        JoinSeedNodes([address]);
    }

    /// <summary>
    /// Joins through the seed nodes: the first live member among them accepts the join. If this node is the first
    /// seed and no other seed answers within seed-node-timeout, it starts a new cluster by joining itself.
    /// </summary>
    public void JoinSeedNodes(IEnumerable<Address> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        var list = seeds.ToImmutableArray();
        if (list.IsEmpty) throw new ArgumentException("Give at least one seed node.", nameof(seeds));
        foreach (var seed in list)
            if (seed.System != SelfAddress.System)
                throw new ArgumentException($"Seed node {seed} belongs to actor system '{seed.System}', not '{SelfAddress.System}'.", nameof(seeds));
        _core.Tell(new InternalClusterAction.JoinSeedNodes(list), null);
    }

    /// <summary>Asks the member at <paramref name="address"/> to leave gracefully (Leaving → Exiting → Removed).</summary>
    public void Leave(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        _core.Tell(new InternalClusterAction.Leave(address), null);
    }

    /// <summary>Declares the member at <paramref name="address"/> Down; the leader then removes it.</summary>
    public void Down(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        _core.Tell(new InternalClusterAction.Down(address), null);
    }

    private sealed class ClusterExtensionId : ExtensionIdProvider<Cluster>
    {
        public static readonly ClusterExtensionId Instance = new();

        public override Cluster CreateExtension(ActorSystem system) =>
            new(system, ClusterSettings.FromConfig(system.Settings.Config ?? ConfigurationFactory.Reference()));
    }
}
