using Dynamo.Actors;
using Dynamo.Actors.Persistence;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Routing;

/// <summary>
/// Runs one <see cref="VNode"/> child per partition this node owns in the current ring, named
/// <see cref="KvPaths.VNodeName"/> so other nodes can address them by path, and answers which
/// vnode serves a partition. A <see cref="RingChanged"/> with a sender is answered with
/// <see cref="RingInstalled"/> once the vnodes run.
/// </summary>
/// <remarks>
/// A vnode whose partition moved away is simply stopped; its data stays in storage. Ownership
/// handoff, which streams the partition to its new owner before letting go, replaces that later.
/// </remarks>
public sealed class RingManager : ReceiveActor
{
    private readonly string _node;
    private readonly IKeyValueStore _store;
    private readonly Dictionary<int, IActorRef> _vnodes = [];

    /// <summary>Creates the ring manager of <paramref name="node"/>.</summary>
    public RingManager(string node, IKeyValueStore store)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        ArgumentNullException.ThrowIfNull(store);
        _node = node;
        _store = store;

        Receive<RingChanged>(OnRingChanged);
        Receive<WhichVNode>(m => Sender.Tell(new VNodeFor(m.Partition, _vnodes.GetValueOrDefault(m.Partition)), Self));
    }

    /// <summary>Props for the ring manager of <paramref name="node"/>.</summary>
    public static Props Props(string node, IKeyValueStore store) => Actors.Props.Create(() => new RingManager(node, store));

    private void OnRingChanged(RingChanged changed)
    {
        var owned = changed.Ring.PartitionsOf(_node).ToHashSet();
        foreach (var partition in _vnodes.Keys.Where(p => !owned.Contains(p)).ToList())
        {
            Context.Stop(_vnodes[partition]);
            _vnodes.Remove(partition);
        }
        foreach (var partition in owned.Where(p => !_vnodes.ContainsKey(p)))
        {
            _vnodes[partition] = Context.ActorOf(VNode.Props(_node, partition, _store), KvPaths.VNodeName(partition));
        }
        if (!Sender.Equals(Context.System.DeadLetters))
        {
            Sender.Tell(new RingInstalled(_node, [.. owned.Order()]), Self);
        }
    }
}
