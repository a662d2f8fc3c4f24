using Akka.Actor;
using Dynamo.Storage;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Routing;

/// <summary>
/// Runs one <see cref="VNode"/> child per partition this node owns in the current ring, named
/// <see cref="KvPaths.VNodeName"/> so other nodes can address them by path, and answers which
/// vnode serves a partition. A <see cref="RingChanged"/> with a sender is answered with
/// <see cref="RingInstalled"/> once the vnodes run.
/// </summary>
/// <remarks>
/// Without handoff wiring a vnode whose partition moved away is simply stopped and its data stays in
/// storage; with it, the partition is handed off first (see RingManager.Handoff.cs). A partition
/// owned again before its old vnode finished stopping gets a new vnode once the name is free.
/// </remarks>
public sealed partial class RingManager : ReceiveActor
{
    private readonly string _node;
    private readonly IStoragePlugin _storage;
    private readonly Dictionary<int, IActorRef> _vnodes = [];
    private readonly Dictionary<IActorRef, int> _stopping = [];
    private IReadOnlySet<int> _owned = new HashSet<int>();

    /// <summary>Creates the ring manager of <paramref name="node"/>.</summary>
    public RingManager(string node, IStoragePlugin storage)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentNullException.ThrowIfNull(storage);
        _node = node;
        _storage = storage;

        Receive<RingChanged>(OnRingChanged);
        Receive<Terminated>(OnTerminated);
        Receive<WhichVNode>(m => Sender.Tell(new VNodeFor(m.Partition, _vnodes.GetValueOrDefault(m.Partition)), Self));
        ReceiveHandoff();
    }

    private void OnTerminated(Terminated terminated)
    {
        if (_stopping.Remove(terminated.ActorRef, out var partition))
        {
            // Owned again while its old vnode was still stopping: its name is free only now.
            StartIfMissing(partition);
        }
    }

    private void StartIfMissing(int partition)
    {
        var stillStopping = _stopping.ContainsValue(partition);
        if (_owned.Contains(partition) && !_vnodes.ContainsKey(partition) && !stillStopping)
        {
            _vnodes[partition] = Context.ActorOf(VNodeProps(partition), KvPaths.VNodeName(partition));
        }
    }

    /// <summary>Props for the ring manager of <paramref name="node"/>.</summary>
    public static Props Props(string node, IStoragePlugin storage) => Akka.Actor.Props.Create(() => new RingManager(node, storage));

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
        HandOffStored();
        if (!Sender.Equals(Context.System.DeadLetters))
        {
            Sender.Tell(new RingInstalled(_node, [.. owned.Order()]), Self);
        }
    }
}
