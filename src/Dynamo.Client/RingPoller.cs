using Akka.Actor;
using Akka.Cluster.Tools.Client;
using Akka.Event;
using Dynamo.Protocol;

namespace Dynamo.Client;

/// <summary>
/// Keeps an actor client's <see cref="ClientRing{TCoordinator}"/> current, as the paper's clients do for client-driven
/// coordination: it asks a random node for its ring every <c>dynamo.client.ring-poll-interval</c>, resolves every
/// owner's request router, and watches them through Akka's remote death watch, so that a node that stops or is no
/// longer reachable drops out of the ring at once rather than at the next poll.
/// </summary>
/// <remarks>
/// It asks through the client's ClusterClient, every second until it has a ring, and whenever it has no home node:
/// the member whose receptionist the ClusterClient talks to answers, and becomes the home node, which
/// <see cref="ClientRing{TCoordinator}"/> prefers as coordinator. Otherwise it asks a random node it reaches. The home
/// node is given up when its router terminates or the answering node no longer reaches it. Every answer resolves every
/// router again, so a node restarted on the same address is reached in its new incarnation. Resolved references rather
/// than selections, so that requests carry no path for the node to look up.
/// </remarks>
internal sealed class RingPoller : ActorBase, IWithTimers
{
    private readonly IActorRef _clusterClient;
    private readonly TimeSpan _interval;
    private readonly Action<ClientRing<IActorRef>?> _publish;
    private readonly Dictionary<string, IActorRef> _routers = new(StringComparer.Ordinal);
    private RingResult? _ring;
    private string? _home;

    public RingPoller(IActorRef clusterClient, TimeSpan interval, Action<ClientRing<IActorRef>?> publish)
    {
        _clusterClient = clusterClient;
        _interval = interval;
        _publish = publish;
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef clusterClient, TimeSpan interval, Action<ClientRing<IActorRef>?> publish) =>
        Akka.Actor.Props.Create(() => new RingPoller(clusterClient, interval, publish));

    protected override void PreStart() => Self.Tell(Poll.Instance);

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case Poll:
                Ask();
                Timers.StartSingleTimer(Poll.Instance, Poll.Instance, _ring is null ? ClientRing.FirstPollInterval : _interval);
                return true;
            case RingResult result:
                Adopt(result);
                return true;
            case ActorIdentity { MessageId: string address } identity:
                Resolved(address, identity.Subject);
                return true;
            case Terminated terminated:
                foreach (var address in _routers.Where(r => r.Value.Equals(terminated.ActorRef)).Select(r => r.Key).ToList())
                    Resolved(address, null);
                return true;
            default:
                return false;
        }
    }

    private void Ask()
    {
        var reachable = _ring?.Nodes.Where(n => n.Reachable).Select(n => _routers.GetValueOrDefault(n.Address)).OfType<IActorRef>().ToList();
        if (_home is not null && reachable is { Count: > 0 })
            reachable[Random.Shared.Next(reachable.Count)].Tell(new GetRing(), Self);
        else
            _clusterClient.Tell(new ClusterClient.Send(DynamoActorClient.RouterPath, new GetRing(), localAffinity: true), Self);
    }

    private void Adopt(RingResult result)
    {
        // A node without a ring yet (still joining) answers an empty one: keep the ring there is.
        if (result.Owners.Count == 0) return;
        var home = _home;
        // Without a home the poller asks through the ClusterClient, so the node that answers is the member it talks to
        // (or, for a direct answer still on its way when the home was given up, another node the client reaches).
        if (home is null && result.HasAnsweredBy && result.AnsweredBy < result.Nodes.Count)
            home = result.Nodes[(int)result.AnsweredBy].Address;
        if (home is not null && !result.Nodes.Any(n => n.Address == home && n.Reachable)) home = null;
        ClientRing<IActorRef>? ring;
        try
        {
            ring = RingOf(result, home);
        }
        catch (ArgumentException e)
        {
            Context.GetLogger().Warning("Ignoring a ring a node answered: {0}", e.Message);
            return;
        }
        (_ring, _home) = (result, home);
        var addresses = result.Nodes.Select(n => n.Address).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _routers.Keys.Where(a => !addresses.Contains(a)).ToList())
        {
            Context.Unwatch(_routers[gone]);
            _routers.Remove(gone);
        }
        foreach (var address in addresses)
            Context.ActorSelection(address + DynamoActorClient.RouterPath).Tell(new Identify(address), Self);
        _publish(ring);
    }

    private void Resolved(string address, IActorRef? router)
    {
        if (_ring is null || !_ring.Nodes.Any(n => n.Address == address)) return;
        var known = _routers.GetValueOrDefault(address);
        if (Equals(known, router)) return;
        if (known is not null) Context.Unwatch(known);
        if (router is null)
        {
            _routers.Remove(address);
            if (address == _home) _home = null;
        }
        else
        {
            Context.Watch(router);
            _routers[address] = router;
        }
        Publish();
    }

    private void Publish() => _publish(_ring is null ? null : RingOf(_ring, _home));

    // The routers of nodes the answer says are reachable; those of nodes it no longer names are not asked for.
    private ClientRing<IActorRef>? RingOf(RingResult result, string? home) =>
        ClientRing.From(result, n => n.Reachable ? _routers.GetValueOrDefault(n.Address) : null, home);

    // Only ever sent to itself, so it needs no serializer even where serialize-messages is on.
    private sealed class Poll : INoSerializationVerificationNeeded
    {
        public static readonly Poll Instance = new();
    }
}
