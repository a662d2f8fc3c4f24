using Akka.Actor;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Routing;

/// <summary>
/// Runs one <see cref="VNode"/> child per partition this node owns in the current ring, named
/// <see cref="KvPaths.VNodeName"/> so other nodes can address them by path, and answers which
/// vnode serves a partition. A <see cref="RingChanged"/> with a sender is answered with
/// <see cref="RingInstalled"/> once the vnodes run.
/// </summary>
/// <remarks>
/// On a cluster member the partitions' requests arrive through Cluster.Sharding's vnode entities, which this actor
/// tells which vnode serves their partition (RingManager.Placement.cs); the vnodes stay its children.
/// Without handoff wiring a vnode whose partition moved away is simply stopped and its data stays in
/// the journal; with it, the partition is handed off first (see RingManager.Handoff.cs). A partition
/// owned again before its old vnode finished stopping gets a new vnode once the name is free. The
/// node's <see cref="ValueCache"/> lives here, shared by the vnodes, and goes when the manager stops.
/// </remarks>
public sealed partial class RingManager : ReceiveActor, IWithTimers
{
    private readonly string _node;
    private readonly VNodeSettings _settings;
    private readonly ValueCache _cache;
    private static readonly TimeSpan VNodeRestartDelay = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan RecoveryWait = TimeSpan.FromSeconds(30);

    private readonly Dictionary<int, IActorRef> _vnodes = [];
    private readonly Dictionary<IActorRef, int> _stopping = [];
    private IReadOnlySet<int> _owned = new HashSet<int>();

    /// <summary>Creates the ring manager of <paramref name="node"/>.</summary>
    public RingManager(string node, VNodeSettings settings)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentNullException.ThrowIfNull(settings);
        _node = node;
        _settings = settings;
        _cache = new ValueCache(settings.ValueCacheSize);

        Receive<RingChanged>(OnRingChanged);
        Receive<Terminated>(OnTerminated);
        Receive<RestartVNode>(r => StartIfMissing(r.Partition));
        Receive<VNodesRecovered>(OnVNodesRecovered);
        Receive<WhichVNode>(m => Sender.Tell(new VNodeFor(m.Partition, _vnodes.GetValueOrDefault(m.Partition)), Self));
        ReceiveHandoff();
        ReceivePlacement();
    }

    private void OnTerminated(Terminated terminated)
    {
        if (ForgetHost(terminated.ActorRef)) return;
        if (_stopping.Remove(terminated.ActorRef, out var partition))
        {
            // Owned again while its old vnode was still stopping: its name is free only now.
            StartIfMissing(partition);
            return;
        }
        foreach (var (owned, vnode) in _vnodes)
        {
            if (!vnode.Equals(terminated.ActorRef)) continue;
            // A vnode stops by itself only when its journal failed: start it again, after a pause so a
            // journal that stays down is not hammered.
            _vnodes.Remove(owned);
            Timers.StartSingleTimer(("restart", owned), new RestartVNode(owned), VNodeRestartDelay);
            return;
        }
    }

    private void StartIfMissing(int partition)
    {
        var stillStopping = _stopping.ContainsValue(partition);
        if (_owned.Contains(partition) && !_vnodes.ContainsKey(partition) && _probing.Remove(partition, out var probe))
        {
            // Started to see whether it held anything, and owned now: it serves the partition.
            Adopt(partition, probe);
        }
        else if (_owned.Contains(partition) && !_vnodes.ContainsKey(partition) && !stillStopping)
        {
            _vnodes[partition] = Context.Watch(Context.ActorOf(VNodeProps(partition, owner: true), KvPaths.VNodeName(partition)));
        }
    }

    private sealed record RestartVNode(int Partition) : INoSerializationVerificationNeeded;

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for the ring manager of <paramref name="node"/>.</summary>
    public static Props Props(string node, VNodeSettings settings) => Akka.Actor.Props.Create(() => new RingManager(node, settings));

    /// <inheritdoc />
    protected override void PostStop() => _cache.Dispose();

    private void OnRingChanged(RingChanged changed)
    {
        var owned = changed.Ring.PartitionsOf(_node).ToHashSet();
        _owned = owned;
        ReviseHandoffs(changed.Ring, owned);
        foreach (var partition in _vnodes.Keys.Where(p => !owned.Contains(p)).ToList())
        {
            var vnode = _vnodes[partition];
            if (HandOff(partition, vnode, changed.Ring))
            {
                _vnodes.Remove(partition);
                continue;
            }
            Context.Watch(vnode);
            Context.Stop(vnode);
            _stopping[vnode] = partition;
            _vnodes.Remove(partition);
        }
        foreach (var partition in owned)
        {
            StartIfMissing(partition);
        }
        StartOwnedEntities(owned);
        if (!Sender.Equals(Context.System.DeadLetters))
        {
            // Installed once every owned vnode recovered from its journal and leased its epochs (it answers
            // only then); a vnode slower than the limit still comes up, and serves from then on.
            var installed = new RingInstalled(_node, [.. owned.Order()]);
            var ready = owned.Where(_vnodes.ContainsKey).Select(p => _vnodes[p].Ask<ObjectsHeld>(HoldsObjects.Instance, RecoveryWait));
            var recovered = new VNodesRecovered(Sender, installed, DateTime.UtcNow + RecoveryWait);
            _ = Task.WhenAll(ready).PipeTo(Self, Self, success: _ => recovered, failure: _ => recovered);
        }
    }
}
