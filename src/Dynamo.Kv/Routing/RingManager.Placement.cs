using Akka.Actor;
using Akka.Cluster.Sharding;
using Dynamo.Kv.Membership;
using Dynamo.Kv.Placement;

namespace Dynamo.Kv.Routing;

/// <summary>
/// The partitions Cluster.Sharding runs here as <see cref="VNodeEntity"/> entities: each is told which vnode serves its
/// partition (<see cref="ReplicaHost"/>), and told again whenever that changes. On every ring, the partitions this node
/// owns are started through the shard region, so every vnode entity runs as soon as its shard is allocated.
/// </summary>
/// <remarks>
/// A region learns a shard's home from the shard coordinator, which runs on the oldest member, and only when a message
/// for the shard first arrives. When the oldest member dies it stays unreachable (no downing), the coordinator does not
/// move, and a region that never asked for a shard could not route to it until an operator downed the member. So this
/// node's region learns every home while the coordinator answers: every few seconds, once every owner's region has
/// registered (asking earlier would only pile up allocations that fail, and slow the cluster's formation), the
/// partitions owned elsewhere are started through the region too; that runs nothing new, but the region asks for
/// and keeps each home, and learns again the homes a rebalance made it forget.
/// </remarks>
public sealed partial class RingManager
{
    private readonly Dictionary<int, IActorRef> _hosts = [];
    private static readonly TimeSpan HostsPoll = TimeSpan.FromMilliseconds(50);

    // How often owned partitions that no entity here hosts are started again: a shard the coordinator moved here
    // (or away and back) starts its entity only when a message reaches it.
    private static readonly TimeSpan StartEntitiesInterval = TimeSpan.FromSeconds(1);

    private readonly Dictionary<int, ICanTell?> _told = [];

    // How often the region is taught the homes of the partitions owned elsewhere; a rebalance makes it forget a moved
    // shard's home, so this is how long a dying oldest member can leave a shard moved just before unreachable.
    private static readonly TimeSpan LearnHomesInterval = TimeSpan.FromSeconds(5);

    private IActorRef? Region => _handoff?.Directory.VNodeRegion;

    private void ReceivePlacement()
    {
        Receive<HostPartition>(host =>
        {
            if (_hosts.TryGetValue(host.Partition, out var previous) && !previous.Equals(Sender)) Context.Unwatch(previous);
            _hosts[host.Partition] = Context.Watch(Sender);
            _told.Remove(host.Partition);
        });
        Receive<StartMissingEntities>(_ => StartOwnedEntities(_owned.Where(p => !_hosts.ContainsKey(p))));
        Receive<LearnHomes>(_ => Region?.Tell(GetCurrentRegions.Instance, Self));
        Receive<CurrentRegions>(OnCurrentRegions);
        Receive<PartitionReleased>(released =>
        {
            if (!_hosts.TryGetValue(released.Partition, out var host) || !host.Equals(Sender)) return;
            Context.Unwatch(host);
            _hosts.Remove(released.Partition);
            _told.Remove(released.Partition);
        });
    }

    private sealed class StartMissingEntities : INoSerializationVerificationNeeded
    {
        public static readonly StartMissingEntities Instance = new();
    }

    private sealed class LearnHomes : INoSerializationVerificationNeeded
    {
        public static readonly LearnHomes Instance = new();
    }

    private void OnCurrentRegions(CurrentRegions current)
    {
        if (_lastRing is not { } ring || Region is not { } region) return;
        var local = ((ExtendedActorSystem)Context.System).Provider.DefaultAddress;
        var elsewhere = Enumerable.Range(0, ring.PartitionCount).Where(p => !_owned.Contains(p)).ToList();
        var registered = elsewhere.Select(ring.OwnerOf).Distinct(StringComparer.Ordinal)
            .All(owner => NodeIdentity.TryAddressOf(owner, local, out var address) && current.Regions.Contains(address));
        if (!registered) return;
        foreach (var partition in elsewhere)
            // The region acknowledges with a message of its own (internal to Akka), which this actor leaves unhandled.
            region.Tell(new ShardRegion.StartEntity(PartitionMessageExtractor.IdOf(partition)), Self);
    }

    private sealed record VNodesRecovered(IActorRef ReplyTo, RingInstalled Installed, DateTime Deadline) : INoSerializationVerificationNeeded;

    // A stopped entity (its shard moved, or its region stopped) is forgotten; false when it was none.
    private bool ForgetHost(IActorRef stopped)
    {
        foreach (var (partition, host) in _hosts)
        {
            if (!host.Equals(stopped)) continue;
            _hosts.Remove(partition);
            _told.Remove(partition);
            return true;
        }
        return false;
    }

    // A ring counts as installed once its owned vnodes recovered and, on a cluster member, sharding runs their
    // entities here, so that the first requests after it find every shard allocated; a shard allocated elsewhere
    // meanwhile (the coordinator's node saw another ring) comes back when the coordinator rebalances, and the
    // ring counts as installed after the recovery limit at the latest.
    private void OnVNodesRecovered(VNodesRecovered recovered)
    {
        if (Region is null || recovered.Installed.Partitions.All(_hosts.ContainsKey) || DateTime.UtcNow > recovered.Deadline)
        {
            Self.Tell(LearnHomes.Instance);
            recovered.ReplyTo.Tell(recovered.Installed, Self);
            return;
        }
        Timers.StartSingleTimer(recovered, recovered, HostsPoll);
    }

    /// <inheritdoc />
    protected override void PreStart()
    {
        if (Region is null) return;
        Timers.StartPeriodicTimer(StartMissingEntities.Instance, StartMissingEntities.Instance, StartEntitiesInterval);
        Timers.StartPeriodicTimer(LearnHomes.Instance, LearnHomes.Instance, LearnHomesInterval);
    }

    private void StartOwnedEntities(IEnumerable<int> owned)
    {
        if (Region is not { } region) return;
        foreach (var partition in owned)
            // The region acknowledges with a message of its own (internal to Akka), which this actor leaves unhandled.
            region.Tell(new ShardRegion.StartEntity(PartitionMessageExtractor.IdOf(partition)), Self);
    }

    /// <inheritdoc />
    protected override bool AroundReceive(Receive receive, object message)
    {
        var handled = base.AroundReceive(receive, message);
        // Any message may start, stop or hand off a vnode: the hosts learn the outcome right after it. A handful of
        // dictionary lookups per hosted partition, and a message only to those whose vnode changed.
        TellHosts();
        return handled;
    }

    private void TellHosts()
    {
        foreach (var (partition, host) in _hosts)
        {
            var target = TargetOf(partition);
            if (_told.TryGetValue(partition, out var told) && Equals(told, target)) continue;
            _told[partition] = target;
            host.Tell(new ReplicaHost(partition, target), Self);
        }
    }

    // The vnode serving a partition hosted here: this node's own while it runs one (owned, handing off, or checking
    // what it holds), else the owner's; none while this node owns it and its vnode is starting again.
    private ICanTell? TargetOf(int partition)
    {
        if (_vnodes.TryGetValue(partition, out var vnode)) return vnode;
        if (_outgoing.TryGetValue(partition, out var transfer)) return transfer.VNode;
        if (_probing.TryGetValue(partition, out var probe)) return probe;
        if (_lastRing is null || _owned.Contains(partition) || _handoff is null) return null;
        return _handoff.Directory.VNodeOf(_lastRing.OwnerOf(partition), partition);
    }
}
