using System.Collections.Immutable;
using Dynamo.Actors.Cluster.Protocol;
using Dynamo.Actors.Event;
using Dynamo.Actors.Remote;
using Dynamo.Actors.Remote.Watching;
using static Dynamo.Actors.Cluster.Daemon.InternalClusterAction;

namespace Dynamo.Actors.Cluster.Daemon;

/// <summary>
/// Drives one node's <see cref="MembershipState"/> (Akka's ClusterCoreDaemon): the seed-node join process,
/// gossip with a random peer every gossip-interval (preferring peers that have not seen the latest version, and
/// answering a peer that lacks what we hold), leader actions every leader-actions-interval (the membership model
/// acts only on the leader and only on convergence), failure-detector verdicts turned into reachability, operator
/// commands, and cluster events published to subscribers.
/// </summary>
internal sealed class ClusterCoreDaemon : ReceiveActor, IWithTimers
{
    /// <summary>Name of this actor under <c>/system</c>; peers address it there.</summary>
    public const string Name = "cluster-core";

    private readonly ClusterSettings _settings;
    private readonly RemoteActorRefProvider _provider;
    private readonly Action<ClusterState> _publishState;
    private readonly UniqueAddress _self;
    private readonly Dictionary<IActorRef, ImmutableArray<Type>> _subscribers = new();
    private MembershipState _state;
    private ImmutableArray<Address> _seeds = [];
    private long _joinStartedMillis;
    private long _lastInitJoinAckMillis = long.MinValue / 2;
    private bool _removed;
    private bool _joinInFlight;
    private ImmutableSortedDictionary<UniqueAddress, long> _unreachableSince = ImmutableSortedDictionary<UniqueAddress, long>.Empty;
    private IActorRef _heartbeatSender = ActorRefs.Nobody;

    public ClusterCoreDaemon(ClusterSettings settings, RemoteActorRefProvider provider, UniqueAddress self, Action<ClusterState> publishState)
    {
        _settings = settings;
        _provider = provider;
        _self = self;
        _publishState = publishState;
        _state = MembershipState.Initial(self);

        Receive<JoinSeedNodes>(OnJoinSeedNodes);
        Receive<JoinSeedNodesTick>(_ => OnJoinSeedNodesTick());
        Receive<JoinRetryTick>(_ => OnJoinRetryTick());
        Receive<ShutdownWhenDownTick>(_ =>
        {
            if (!_removed && _state.SelfMember is { } me) MarkSelfRemoved(me);
        });
        Receive<InitJoin>(_ => OnInitJoin());
        Receive<InitJoinAck>(OnInitJoinAck);
        Receive<InitJoinNack>(_ => { });
        Receive<Protocol.Join>(OnJoin);
        Receive<Welcome>(OnWelcome);
        Receive<GossipEnvelope>(OnGossip);
        Receive<GossipTick>(_ => OnGossipTick());
        Receive<LeaderActionsTick>(_ => OnLeaderActionsTick());
        Receive<FailureDetectorVerdicts>(OnVerdicts);
        Receive<InternalClusterAction.Leave>(l => Change(() => _state.Leave(l.Address), $"leave {l.Address}"));
        Receive<InternalClusterAction.Down>(d => Change(() => _state.Down(d.Address), $"down {d.Address}"));
        Receive<InternalClusterAction.Subscribe>(OnSubscribe);
        Receive<InternalClusterAction.Unsubscribe>(OnUnsubscribe);
        Receive<Terminated>(t => _subscribers.Remove(t.ActorRef));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        _heartbeatSender = Context.ActorOf(Props.Create(() => new ClusterHeartbeatSender(_settings, _self, Self, _provider)), "heartbeat-sender");
        Timers.StartPeriodicTimer("gossip", GossipTick.Instance, _settings.PeriodicTasksInitialDelay, _settings.GossipInterval);
        Timers.StartPeriodicTimer("leader-actions", LeaderActionsTick.Instance, _settings.PeriodicTasksInitialDelay, _settings.LeaderActionsInterval);
        PublishState();
    }

    private long NowMillis => Context.System.Clock.Now.ToUnixTimeMilliseconds();

    private bool IsMember => _state.SelfMember is not null && !_removed;

    private IActorRef CoreAt(Address address) =>
        _provider.ResolveActorRef(ActorPath.Root(address) / "system" / Name);

    // ---- joining -------------------------------------------------------------------------------------------

    private void OnJoinSeedNodes(JoinSeedNodes join)
    {
        if (IsMember || _removed) return;
        _seeds = join.Seeds;
        _joinStartedMillis = NowMillis;
        _joinInFlight = false;
        OnJoinSeedNodesTick();
        var interval = TimeSpan.FromMilliseconds(Math.Max(100, _settings.SeedNodeTimeout.TotalMilliseconds / 2));
        Timers.StartPeriodicTimer("join-seed-nodes", JoinSeedNodesTick.Instance, interval);
    }

    private void OnJoinSeedNodesTick()
    {
        if (IsMember || _removed)
        {
            Timers.Cancel("join-seed-nodes");
            return;
        }
        var others = _seeds.Where(a => a != _self.Address).ToArray();
        bool firstSeed = _seeds.Length > 0 && _seeds[0] == _self.Address;
        // The first seed may start the cluster alone, but only after the others had seed-node-timeout to answer:
        // otherwise two seeds started together could form two clusters.
        long timeout = (long)_settings.SeedNodeTimeout.TotalMilliseconds;
        // A recent acknowledgement means a cluster exists and our Join is in flight: starting another would make an island.
        bool clusterAnswered = NowMillis - _lastInitJoinAckMillis < timeout;
        if (firstSeed && !clusterAnswered && (others.Length == 0 || NowMillis - _joinStartedMillis >= timeout))
        {
            JoinSelf();
            return;
        }
        foreach (var seed in others) CoreAt(seed).Tell(InitJoin.Instance, Self);
    }

    private void JoinSelf()
    {
        var result = _state.Join(_self, _settings.Roles);
        Context.System.Log.Info("Cluster node {0} started a new cluster as the first seed.", _self);
        Update(result.State);
        Timers.Cancel("join-seed-nodes");
        Timers.Cancel("join-retry");
    }

    private void OnInitJoin()
    {
        if (IsMember) Sender.Tell(new InitJoinAck(_self.Address), Self);
        else Sender.Tell(new InitJoinNack(_self.Address), Self);
    }

    private void OnInitJoinAck(InitJoinAck ack)
    {
        // One Join at a time (Akka's seed process ends at the first acknowledgement); the retry timer reopens it.
        if (IsMember || _removed || _joinInFlight) return;
        _lastInitJoinAckMillis = NowMillis;
        _joinInFlight = true;
        Timers.Cancel("join-seed-nodes");
        Timers.StartSingleTimer("join-retry", JoinRetryTick.Instance, _settings.RetryUnsuccessfulJoinAfter);
        CoreAt(ack.Address).Tell(new Protocol.Join(_self, _settings.Roles), Self);
    }

    private void OnJoinRetryTick()
    {
        if (IsMember || _removed) return;
        // The Join or its Welcome was lost, or the contacted node left: ask the seeds again rather than wait forever.
        Context.System.Log.Warning("Cluster node {0} got no welcome within {1} (retry-unsuccessful-join-after); contacting the seed nodes again.",
            _self, _settings.RetryUnsuccessfulJoinAfter);
        OnJoinSeedNodes(new JoinSeedNodes(_seeds));
    }

    private void OnJoin(Protocol.Join join)
    {
        if (!IsMember)
        {
            Sender.Tell(new InitJoinNack(_self.Address), Self);
            return;
        }
        var result = _state.Join(join.Node, join.Roles);
        Update(result.State);
        switch (result.Outcome)
        {
            case JoinOutcome.Added or JoinOutcome.AlreadyMember:
                CoreAt(join.Node.Address).Tell(new Welcome(_self, _state.LatestGossip), Self);
                break;
            case JoinOutcome.PreviousIncarnationDowned:
                Context.System.Log.Info("{0} rejoins as a new incarnation; its previous one was downed and goes when the new one moves Up.", join.Node);
                CoreAt(join.Node.Address).Tell(new Welcome(_self, _state.LatestGossip), Self);
                break;
            case JoinOutcome.RejectedRemovedIncarnation:
                Context.System.Log.Warning("Join of removed incarnation {0} refused; it must restart to join again.", join.Node);
                break;
        }
    }

    private void OnWelcome(Welcome welcome)
    {
        if (_removed || !welcome.Gossip.HasMember(_self)) return;
        try
        {
            var welcomed = _state.Welcome(welcome.Gossip, welcome.From);
            if (!IsMember) Context.System.Log.Info("Cluster node {0} was welcomed by {1}.", _self, welcome.From);
            Update(welcomed);
            Timers.Cancel("join-seed-nodes");
            Timers.Cancel("join-retry");
        }
        catch (ArgumentException e)
        {
            // A malformed welcome must not restart the daemon, which would lose this node's membership state.
            Context.System.Log.Warning("Ignoring a welcome from {0}: {1}", welcome.From, e.Message);
        }
    }

    // ---- gossip --------------------------------------------------------------------------------------------

    private void OnGossip(GossipEnvelope envelope)
    {
        // Gossip for an earlier incarnation at this address is not ours to apply.
        if (!envelope.To.Equals(_self) || _removed) return;
        if (envelope.IsOverdue(_settings.GossipTimeToLive))
        {
            // A busy node would otherwise spend its time merging views that newer gossip has already superseded.
            Context.System.Log.Debug("Ignoring gossip from {0} that waited longer than gossip-time-to-live {1}.", envelope.From, _settings.GossipTimeToLive);
            return;
        }
        if (envelope.Gossip.Tombstones.ContainsKey(_self) && _state.SelfMember is { } me)
        {
            MarkSelfRemoved(me);
            return;
        }
        var result = _state.ReceiveGossip(envelope.Gossip, envelope.From);
        if (result.Outcome == GossipOutcome.Ignored) return;
        Update(result.State);
        if (result.Talkback) GossipTo(envelope.From);
    }

    private void OnGossipTick()
    {
        if (!IsMember) return;
        var targets = _state.GossipTargets;
        if (targets.IsEmpty) return;
        // Peers that have not seen the latest version first, so that a change spreads (and converges) quickly.
        var unseen = targets.Where(n => !_state.LatestGossip.SeenByNode(n)).ToArray();
        var pool = unseen.Length > 0 && Context.System.Random.NextDouble() < 0.8 ? unseen : targets.ToArray();
        GossipTo(pool[Context.System.Random.Next(pool.Length)]);
    }

    private void GossipTo(UniqueAddress node) =>
        CoreAt(node.Address).Tell(new GossipEnvelope(_self, node, _state.LatestGossip), Self);

    // ---- leader actions and failure detection --------------------------------------------------------------

    private void OnLeaderActionsTick()
    {
        if (!IsMember) return;
        long now = NowMillis;
        if (_settings.AutoDownUnreachableAfter is not null)
        {
            _unreachableSince = AutoDowning.TrackUnreachable(_unreachableSince, _state.LatestGossip.Reachability.AllUnreachable, now);
            if (_state.IsLeader)
                foreach (var node in AutoDowning.MembersToDown(_state.LatestGossip, _unreachableSince, now, _settings.AutoDownUnreachableAfter))
                {
                    Context.System.Log.Warning("Auto-downing {0}, unreachable for longer than {1}.", node, _settings.AutoDownUnreachableAfter);
                    Update(_state.Down(node.Address));
                }
        }
        // Tombstones only need to outlive any gossip that could still name the removed incarnation.
        var pruned = _state.PruneTombstones(now - (long)_settings.PruneGossipTombstonesAfter.TotalMilliseconds);
        if (!ReferenceEquals(pruned, _state)) _state = pruned;
        var result = _state.LeaderActions(now, _settings.MinNrOfMembers);
        if (result.Changes.IsEmpty) return;
        Update(result.State);
        foreach (var change in result.Changes.Where(c => c.Current.Status == MemberStatus.Removed))
        {
            // A removed member no longer receives gossip, so it is told once, directly, that it was removed.
            CoreAt(change.Current.Address).Tell(new GossipEnvelope(_self, change.Current.UniqueAddress, _state.LatestGossip), Self);
        }
    }

    private void OnVerdicts(FailureDetectorVerdicts verdicts)
    {
        if (!IsMember) return;
        var state = _state;
        foreach (var node in verdicts.Monitored)
        {
            if (!state.LatestGossip.HasMember(node) || node.Equals(_self)) continue;
            var status = state.LatestGossip.Reachability.Status(_self, node);
            bool unavailable = verdicts.Unavailable.Contains(node);
            if (unavailable && status == ReachabilityStatus.Reachable)
            {
                Context.System.Log.Warning("Marking {0} unreachable: its heartbeats stopped.", node);
                state = state.MarkUnreachable(_self, node);
            }
            else if (!unavailable && status == ReachabilityStatus.Unreachable)
            {
                Context.System.Log.Info("Marking {0} reachable again.", node);
                state = state.MarkReachable(_self, node);
            }
        }
        Update(state);
    }

    private void Change(Func<MembershipState> change, string what)
    {
        try
        {
            Update(change());
        }
        catch (ArgumentException e)
        {
            Context.System.Log.Warning("Cluster command '{0}' refused: {1}", what, e.Message);
        }
    }

    // ---- publishing ----------------------------------------------------------------------------------------

    private void Update(MembershipState next)
    {
        if (ReferenceEquals(next, _state)) return;
        var events = ClusterEvents.Diff(_state.LatestGossip, next.LatestGossip, _self);
        bool membersChanged = !_state.Members.Select(m => m.Address).SequenceEqual(next.Members.Select(m => m.Address));
        bool downedNow = next.SelfMember?.Status == MemberStatus.Down && _state.SelfMember?.Status != MemberStatus.Down;
        _state = next;
        if (downedNow && _settings.RunCoordinatedShutdownWhenDown)
            // The leader quarantines a downed incarnation as it removes it, so the removal may never reach this node:
            // stop on seeing Down, after a few gossip rounds so that the others learn this node has seen it.
            Timers.StartSingleTimer("shutdown-when-down", ShutdownWhenDownTick.Instance, _settings.GossipInterval * 3);
        if (membersChanged)
            _provider.RemoteWatcher.Tell(new ClusterMembersChanged(_state.Members.Select(m => m.Address).Where(a => a != _self.Address).ToHashSet()), Self);
        foreach (var e in events)
        {
            if (e is MemberRemoved { PreviousStatus: MemberStatus.Down } removed && removed.Member.Address != _self.Address)
                // Akka's rule: a downed and removed incarnation is quarantined, so it can never talk its way back in.
                // A predecessor of this node at its own address is not: that would quarantine this node's own address.
                _provider.Remoting.Quarantine(removed.Member.Address, unchecked((ulong)removed.Member.UniqueAddress.Uid), "removed from the cluster after being downed");
            // While a new incarnation is a member at the address, the address is not gone: its watches must stay.
            if (e is MemberRemoved gone && gone.Member.Address != _self.Address && !_state.LatestGossip.MembersAt(gone.Member.Address).Any())
                _provider.RemoteWatcher.Tell(new ClusterMemberRemoved(gone.Member.Address), Self);
            Publish(e);
        }
        var gossip = _state.LatestGossip;
        _heartbeatSender.Tell(new HeartbeatTargets(
            gossip.Members.Select(m => m.UniqueAddress).ToImmutableSortedSet(),
            gossip.Reachability.AllUnreachableFrom(_self)), Self);
        PublishState();
    }

    private void MarkSelfRemoved(Member me)
    {
        _removed = true;
        Context.System.Log.Info("Cluster node {0} was removed from the cluster.", _self);
        Publish(new MemberRemoved(me.WithStatus(MemberStatus.Removed), me.Status));
        Timers.CancelAll();
        _heartbeatSender.Tell(new HeartbeatTargets([_self], []), Self);
        PublishState();
        if (_settings.RunCoordinatedShutdownWhenDown)
        {
            // A removed incarnation can never rejoin, so the process is useless to the cluster: stop it, as Akka does.
            Context.System.Log.Info("Cluster node {0} terminates its actor system (run-coordinated-shutdown-when-down).", _self);
            _ = Context.System.Terminate();
        }
    }

    private void Publish(ClusterEvent e)
    {
        foreach (var (subscriber, types) in _subscribers)
            if (types.Any(t => t.IsInstanceOfType(e))) subscriber.Tell(e, Self);
    }

    private void PublishState()
    {
        var gossip = _state.LatestGossip;
        var snapshot = ClusterEvents.Snapshot(gossip, _self);
        _publishState(new ClusterState(
            gossip.Members,
            _removed ? MemberStatus.Removed : _state.SelfMember?.Status,
            gossip.Reachability,
            snapshot.Unreachable,
            snapshot.Leader,
            _state.SelfMember is not null && _state.Convergence(),
            snapshot.SeenBy));
    }

    private void OnSubscribe(InternalClusterAction.Subscribe subscribe)
    {
        if (subscribe.InitialState == ClusterSubscriptionInitialState.AsSnapshot)
            subscribe.Subscriber.Tell(ClusterEvents.Snapshot(_state.LatestGossip, _self), Self);
        else
            foreach (var e in ClusterEvents.Diff(Gossip.Empty, _state.LatestGossip, _self))
                if (subscribe.To.Any(t => t.IsInstanceOfType(e))) subscribe.Subscriber.Tell(e, Self);
        _subscribers[subscribe.Subscriber] = _subscribers.TryGetValue(subscribe.Subscriber, out var existing)
            ? existing.AddRange(subscribe.To).Distinct().ToImmutableArray()
            : subscribe.To;
        Context.Watch(subscribe.Subscriber);
    }

    private void OnUnsubscribe(InternalClusterAction.Unsubscribe unsubscribe)
    {
        if (!_subscribers.TryGetValue(unsubscribe.Subscriber, out var types)) return;
        var remaining = unsubscribe.To is null ? [] : types.Where(t => t != unsubscribe.To).ToImmutableArray();
        if (remaining.IsEmpty)
        {
            _subscribers.Remove(unsubscribe.Subscriber);
            Context.Unwatch(unsubscribe.Subscriber);
        }
        else
        {
            _subscribers[unsubscribe.Subscriber] = remaining;
        }
    }
}
