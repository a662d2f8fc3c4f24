using System.Collections.Immutable;
using Dynamo.Actors.Cluster.Protocol;
using Dynamo.Actors.Remote;
using static Dynamo.Actors.Cluster.Daemon.InternalClusterAction;

namespace Dynamo.Actors.Cluster.Daemon;

/// <summary>
/// Sends heartbeats each heartbeat-interval to this node's receivers on the <see cref="HeartbeatNodeRing"/>, feeds
/// their answers to one phi-accrual detector per node, and every unreachable-nodes-reaper-interval reports the
/// verdicts to the core daemon, which turns changes into MarkUnreachable/MarkReachable (Akka's heartbeat sender
/// plus the reaper's input). It owns the detector registry, which is not thread-safe.
/// </summary>
internal sealed class ClusterHeartbeatSender : ReceiveActor, IWithTimers
{
    private readonly FailureDetectorSettings _settings;
    private readonly UniqueAddress _self;
    private readonly IActorRef _core;
    private readonly RemoteActorRefProvider _provider;
    private readonly DefaultFailureDetectorRegistry<UniqueAddress> _detectors;
    private HeartbeatNodeRing _ring;
    private ImmutableSortedSet<UniqueAddress> _receivers = [];
    private readonly TimeSpan _reaperInterval;
    private long _sequenceNr;

    public ClusterHeartbeatSender(ClusterSettings clusterSettings, UniqueAddress self, IActorRef core, RemoteActorRefProvider provider)
    {
        var settings = clusterSettings.FailureDetector;
        _settings = settings;
        _reaperInterval = clusterSettings.UnreachableNodesReaperInterval;
        _self = self;
        _core = core;
        _provider = provider;
        _detectors = new DefaultFailureDetectorRegistry<UniqueAddress>(() => settings.CreateFailureDetector());
        _ring = new HeartbeatNodeRing(self, [self], [], settings.MonitoredByNrOfMembers);

        Receive<HeartbeatTargets>(OnTargets);
        Receive<HeartbeatTick>(_ => OnHeartbeatTick());
        Receive<ClusterHeartbeatRsp>(OnRsp);
        Receive<ExpectedFirstHeartbeat>(OnExpectedFirst);
        Receive<ReapUnreachableTick>(_ => Reap());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        Timers.StartPeriodicTimer("heartbeat", HeartbeatTick.Instance, _settings.HeartbeatInterval);
        Timers.StartPeriodicTimer("reaper", ReapUnreachableTick.Instance, _reaperInterval);
    }

    private long NowMillis => Context.System.Clock.Now.ToUnixTimeMilliseconds();

    private void OnTargets(HeartbeatTargets targets)
    {
        var nodes = targets.Nodes.Add(_self);
        _ring = new HeartbeatNodeRing(_self, nodes, targets.Unreachable, _settings.MonitoredByNrOfMembers);
        var receivers = _ring.MyReceivers;
        foreach (var gone in _receivers.Except(receivers)) _detectors.Remove(gone);
        foreach (var added in receivers.Except(_receivers))
        {
            // A node that never answers would otherwise never be suspected: a detector only starts on a first heartbeat.
            Timers.StartSingleTimer(("first", added), new ExpectedFirstHeartbeat(added), _settings.HeartbeatInterval + _settings.ExpectedResponseAfter);
            SendHeartbeat(added);
        }
        _receivers = receivers;
    }

    private void OnHeartbeatTick()
    {
        foreach (var receiver in _receivers) SendHeartbeat(receiver);
    }

    private void SendHeartbeat(UniqueAddress to) =>
        _provider.ResolveActorRef(ActorPath.Root(to.Address) / "system" / ClusterHeartbeatReceiver.Name)
            .Tell(new ClusterHeartbeat(_self, ++_sequenceNr), Self);

    private void OnRsp(ClusterHeartbeatRsp rsp)
    {
        // An answer from another incarnation at the same address says nothing about the one we monitor.
        if (_receivers.Contains(rsp.From)) _detectors.Heartbeat(rsp.From, NowMillis);
    }

    private void OnExpectedFirst(ExpectedFirstHeartbeat expected)
    {
        if (_receivers.Contains(expected.From) && !_detectors.IsMonitoring(expected.From))
            _detectors.Heartbeat(expected.From, NowMillis);
    }

    private void Reap()
    {
        long now = NowMillis;
        var monitored = _receivers.Where(_detectors.IsMonitoring).ToImmutableSortedSet();
        var unavailable = monitored.Where(n => !_detectors.IsAvailable(n, now)).ToImmutableSortedSet();
        _core.Tell(new FailureDetectorVerdicts(monitored, unavailable), Self);
    }
}
