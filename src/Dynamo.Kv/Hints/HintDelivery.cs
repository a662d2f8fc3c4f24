using Akka.Actor;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Hints;

/// <summary>
/// Delivers one key's hints (held for <c>owner</c>) to the replica of <c>target</c>, the partition's
/// current owner (the hints' owner unless the ring changed), as a <see cref="ReplicaPut"/> and tells its parent
/// <see cref="DeliveryOutcome"/>: a child per delivery, because a vnode's acknowledgement names only
/// node and partition, and the child's own address is what ties the answer to its hints.
/// </summary>
/// <remarks>
/// The acknowledgement must name the partition the hints are for. On a cluster member it may come from another
/// node than the owner: the partition's entity passes the write to the vnode that serves the partition, which is
/// the old owner's while it hands the partition off; that vnode has the write durably and hands it on with the rest.
/// </remarks>
internal sealed class HintDelivery : ReceiveActor, IWithTimers
{
    private readonly string _owner;
    private readonly string _target;
    private readonly int _partition;
    private readonly ICanTell _vnode;
    private readonly ReplicaPut _put;
    private readonly IReadOnlyList<long> _ids;
    private readonly TimeSpan _timeout;

    public HintDelivery(string owner, string target, int partition, ICanTell vnode, ReplicaPut put, IReadOnlyList<long> ids, TimeSpan timeout)
    {
        _owner = owner;
        _target = target;
        _partition = partition;
        _vnode = vnode;
        _put = put;
        _ids = ids;
        _timeout = timeout;

        // Only an acknowledgement for the hints' partition lets them go: one for another partition (a misrouted
        // reference) would delete data nobody else holds.
        Receive<ReplicaPutAck>(ack => Report(ack.Partition == _partition
            ? null
            : $"the acknowledgement from {ack.Node} was for partition {ack.Partition}, not {_partition} of {_target}"));
        Receive<VNodeFailure>(failure => Report(failure.Reason));
        Receive<Deadline>(_ => Report($"no durable acknowledgement within {_timeout.TotalMilliseconds:0} ms"));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string owner, string target, int partition, ICanTell vnode, ReplicaPut put, IReadOnlyList<long> ids, TimeSpan timeout) =>
        Akka.Actor.Props.Create(() => new HintDelivery(owner, target, partition, vnode, put, ids, timeout));

    protected override void PreStart()
    {
        Timers.StartSingleTimer(Deadline.Instance, Deadline.Instance, _timeout);
        _vnode.Tell(_put, Self);
    }

    private void Report(string? error)
    {
        Context.Parent.Tell(new DeliveryOutcome(_owner, _ids, error), Self);
        Context.Stop(Self);
    }

    private sealed record Deadline : INoSerializationVerificationNeeded
    {
        public static Deadline Instance { get; } = new();
    }
}
