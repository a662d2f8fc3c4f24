using Akka.Actor;
using Dynamo.Kv.Routing;

namespace Dynamo.Kv.Placement;

/// <summary>
/// A ring partition as a Cluster.Sharding entity: where sharding runs it, the partition's replica messages arrive,
/// and it passes them on, sender kept, to the vnode its node's ring manager names (<see cref="ReplicaHost"/>).
/// </summary>
/// <remarks>
/// <para>
/// The vnode itself stays a child of the ring manager, the one actor per node that starts and stops vnodes, so a
/// partition never has two vnodes on one journal: the vnode the entity reaches may have started before it (to
/// receive the partition in a handoff, or to see what a restarted node holds) and may outlive it (while it hands the
/// partition off). Sharding decides where a partition's requests go; the ring manager decides where its data lives,
/// and the allocation strategy lets a shard move only once its old node holds nothing of the partition.
/// </para>
/// <para>
/// Messages wait in the stash until the ring manager has named a vnode (it asks again every second, as the ring
/// manager may not run yet when sharding starts the entity); a request that waits too long times out at its
/// coordinator, like a replica that does not answer.
/// </para>
/// </remarks>
public sealed class VNodeEntity : ReceiveActor, IWithStash, IWithTimers
{
    private static readonly TimeSpan AskAgain = TimeSpan.FromSeconds(1);

    private readonly int _partition;
    private ICanTell? _target;
    private bool _named;

    /// <summary>Creates the entity of <paramref name="partition"/>.</summary>
    public VNodeEntity(int partition)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        _partition = partition;

        Receive<ReplicaHost>(host => host.Partition == _partition, OnReplicaHost);
        Receive<AskRingManager>(_ => AskForHost());
        Receive<ReleasePartition>(_ => Release());
        ReceiveAny(message =>
        {
            if (_target is null) Stash.Stash();
            else _target.Tell(message, Sender);
        });
    }

    /// <inheritdoc />
    public IStash Stash { get; set; } = null!;

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for the entity of <paramref name="partition"/>.</summary>
    public static Props Props(int partition) => Akka.Actor.Props.Create(() => new VNodeEntity(partition));

    /// <inheritdoc />
    protected override void PreStart()
    {
        AskForHost();
        Timers.StartPeriodicTimer(AskRingManager.Instance, AskRingManager.Instance, AskAgain);
    }

    private void AskForHost() => Context.ActorSelection(KvPaths.RingManager).Tell(new HostPartition(_partition), Self);

    private void OnReplicaHost(ReplicaHost host)
    {
        if (!_named)
        {
            _named = true;
            Timers.Cancel(AskRingManager.Instance);
        }
        _target = host.Target;
        if (_target is not null) Stash.UnstashAll();
    }

    private void Release()
    {
        // Whatever still waits goes where the partition is served now; sharding buffers what arrives from here on.
        var waiting = Stash.ClearStash();
        if (_target is not null)
            foreach (var envelope in waiting) _target.Tell(envelope.Message, envelope.Sender);
        Context.ActorSelection(KvPaths.RingManager).Tell(new PartitionReleased(_partition), Self);
        Context.Stop(Self);
    }

    private sealed class AskRingManager : INoSerializationVerificationNeeded
    {
        public static readonly AskRingManager Instance = new();
    }
}
