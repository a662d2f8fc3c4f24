using Dynamo.Actors.Dispatch.SysMsg;
using Dynamo.Actors.Event;
using Dynamo.Actors.Remote.Events;

namespace Dynamo.Actors.Remote.Watching;

/// <summary>
/// DeathWatch across systems (Akka's RemoteWatcher). Records which local actors watch which remote ones, probes
/// every system that has watched actors with heartbeats, and turns a system's loss into Terminated for all its
/// watchees' watchers: heartbeats silent for longer than the acceptable pause (the incarnation is then
/// quarantined, as Akka does), a restart at the same address (new uid), or a quarantine. Systems that are cluster
/// members are left to the cluster (as Akka's ClusterRemoteWatcher does): their watchees terminate when the
/// member is removed, not when heartbeats pause, so a healed partition does not leave quarantined members behind.
/// </summary>
/// <remarks>
/// Delivery is at most once, so a Watch can be lost with its association. Watch is idempotent on the receiving
/// side, and every watch of a system is sent again whenever an association with it is (re-)established; a
/// notification lost in a dropped association is covered by the re-sent Watch (a dead watchee answers it at once)
/// or, if the system itself is gone, by the heartbeat verdict.
/// </remarks>
internal sealed class RemoteWatcher : ReceiveActor, IWithTimers
{
    private readonly RemoteActorRefProvider _provider;
    private readonly Dictionary<IActorRef, HashSet<IActorRef>> _watchers = new();
    private readonly Dictionary<Address, WatchedSystem> _systems = new();
    private IReadOnlySet<Address> _clusterMembers = new HashSet<Address>();

    public RemoteWatcher(RemoteActorRefProvider provider)
    {
        _provider = provider;
        Receive<WatchRemote>(OnWatch);
        Receive<UnwatchRemote>(OnUnwatch);
        Receive<WatcheeTerminated>(t => Forget(t.Watchee));
        Receive<Tick>(_ => OnTick());
        Receive<RemoteWatcherHeartbeat>(_ => Sender.Tell(new RemoteWatcherHeartbeatRsp(_provider.Remoting.Uid), Self));
        Receive<RemoteWatcherHeartbeatRsp>(OnHeartbeatRsp);
        Receive<AssociationEstablished>(OnEstablished);
        Receive<IncarnationChanged>(e => TerminateAddress(e.Remote, $"restarted as a new incarnation ({e.OldUid} -> {e.NewUid})", quarantine: false));
        Receive<IncarnationQuarantined>(e =>
        {
            if (_systems.TryGetValue(e.Remote, out var s) && (s.Uid is null || s.Uid == e.Uid))
                TerminateAddress(e.Remote, $"quarantined: {e.Reason}", quarantine: false);
        });
        Receive<ClusterMembersChanged>(c => _clusterMembers = c.Members);
        Receive<ClusterMemberRemoved>(r => TerminateAddress(r.Address, "removed from the cluster", quarantine: false));
        Receive<AssociationEvent>(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() =>
        Timers.StartPeriodicTimer("heartbeat", Tick.Instance, _provider.RemoteSettings.WatchHeartbeatInterval);

    private void OnWatch(WatchRemote watch)
    {
        if (!_watchers.TryGetValue(watch.Watchee, out var set)) _watchers[watch.Watchee] = set = new HashSet<IActorRef>();
        set.Add(watch.Watcher);
        var address = watch.Watchee.Path.Address;
        if (!_systems.ContainsKey(address))
        {
            _systems[address] = new WatchedSystem { LastHeardMillis = NowMillis };
            Probe(address);
        }
        _provider.SendSystemMessageOverWire(watch.Watchee, new Watch(watch.Watchee, watch.Watcher));
    }

    private void OnUnwatch(UnwatchRemote unwatch)
    {
        if (_watchers.TryGetValue(unwatch.Watchee, out var set) && set.Remove(unwatch.Watcher) && set.Count == 0) Forget(unwatch.Watchee);
        _provider.SendSystemMessageOverWire(unwatch.Watchee, new Unwatch(unwatch.Watchee, unwatch.Watcher));
    }

    private void Forget(IActorRef watchee)
    {
        _watchers.Remove(watchee);
        var address = watchee.Path.Address;
        if (!_watchers.Keys.Any(w => w.Path.Address == address)) _systems.Remove(address);
    }

    private void OnTick()
    {
        long now = NowMillis;
        long limit = (long)(_provider.RemoteSettings.WatchAcceptableHeartbeatPause + _provider.RemoteSettings.WatchHeartbeatInterval).TotalMilliseconds;
        foreach (var (address, system) in _systems.ToArray())
        {
            // Cluster members are judged by the cluster: unreachable is temporary there, and only removal ends them.
            if (_clusterMembers.Contains(address)) system.LastHeardMillis = now;
            if (now - system.LastHeardMillis > limit)
                TerminateAddress(address, $"no heartbeat answer for {now - system.LastHeardMillis} ms", quarantine: true);
            else
                Probe(address);
        }
    }

    private void OnHeartbeatRsp(RemoteWatcherHeartbeatRsp rsp)
    {
        var address = Sender.Path.Address;
        if (!_systems.TryGetValue(address, out var system)) return;
        if (system.Uid is { } known && known != rsp.Uid)
        {
            TerminateAddress(address, $"restarted as a new incarnation ({known} -> {rsp.Uid})", quarantine: false);
            return;
        }
        system.Uid = rsp.Uid;
        system.LastHeardMillis = NowMillis;
    }

    private void OnEstablished(AssociationEstablished established)
    {
        if (!_systems.TryGetValue(established.Remote, out var system)) return;
        if (system.Uid is { } known && known != established.RemoteUid)
        {
            TerminateAddress(established.Remote, $"restarted as a new incarnation ({known} -> {established.RemoteUid})", quarantine: false);
            return;
        }
        // Watches sent while the previous association was failing may be lost; Watch is idempotent, so resend all.
        foreach (var (watchee, watchers) in _watchers)
            if (watchee.Path.Address == established.Remote)
                foreach (var watcher in watchers)
                    _provider.SendSystemMessageOverWire(watchee, new Watch(watchee, watcher));
    }

    private void TerminateAddress(Address address, string reason, bool quarantine)
    {
        if (!_systems.Remove(address, out var system)) return;
        Context.System.Log.Warning("Remote system {0} is considered terminated: {1}.", address, reason);
        foreach (var (watchee, watchers) in _watchers.Where(kv => kv.Key.Path.Address == address).ToArray())
        {
            _watchers.Remove(watchee);
            foreach (var watcher in watchers)
                ((IInternalActorRef)watcher).SendSystemMessage(new DeathWatchNotification(watchee, false, true));
        }
        if (quarantine && system.Uid is { } uid) _provider.Remoting.Quarantine(address, uid, reason);
        Context.System.EventStream.Publish(new AddressTerminated(address, reason));
    }

    private void Probe(Address address) =>
        _provider.ResolveActorRef(ActorPath.Root(address) / "system" / RemoteActorRefProvider.RemoteWatcherName)
            .Tell(RemoteWatcherHeartbeat.Instance, Self);

    private long NowMillis => Context.System.Clock.Now.ToUnixTimeMilliseconds();

    private sealed class WatchedSystem
    {
        public ulong? Uid { get; set; }

        public long LastHeardMillis { get; set; }
    }

    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }
}
