using Akka.Actor;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Handoff;

/// <summary>
/// Waits for a receiving vnode's writes of one <see cref="HandoffBatch"/>, each acknowledged once durable,
/// and answers the sender for the whole batch: accepted when all succeeded, refused at the first failure.
/// For a fold batch it tells the vnode instead, which persists the fold's progress (a <see cref="HandoffFolded"/>)
/// after the objects and only then accepts.
/// </summary>
internal sealed class HandoffBatchCollector : ReceiveActor, IWithTimers
{
    private readonly TimeSpan _timeout;
    private int _remaining;

    public HandoffBatchCollector(int expected, IActorRef replyTo, HandoffAccepted accepted, HandoffRefused refused, TimeSpan timeout, HandoffFolded? folded = null)
    {
        _remaining = expected;
        _timeout = timeout;
        Receive<ReplicaPutAck>(_ =>
        {
            if (--_remaining > 0) return;
            if (folded is null) replyTo.Tell(accepted, Context.Parent);
            else Context.Parent.Tell(new FoldDurable(folded, replyTo, accepted), Self);
            Context.Stop(Self);
        });
        Receive<VNodeFailure>(failure =>
        {
            replyTo.Tell(refused with { Reason = $"{refused.Reason}: {failure.Reason}" }, Context.Parent);
            Context.Stop(Self);
        });
        // A vnode restart forgets the writes it queued; the sender's own timeout restarts the transfer.
        Receive<Expired>(_ => Context.Stop(Self));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(int expected, IActorRef replyTo, HandoffAccepted accepted, HandoffRefused refused, TimeSpan timeout, HandoffFolded? folded = null) =>
        Akka.Actor.Props.Create(() => new HandoffBatchCollector(expected, replyTo, accepted, refused, timeout, folded));

    protected override void PreStart() => Timers.StartSingleTimer(Expired.Instance, Expired.Instance, _timeout);

    private sealed class Expired : INoSerializationVerificationNeeded
    {
        public static readonly Expired Instance = new();
    }
}

/// <summary>Every object of a fold batch is durable on the receiving vnode: it persists <paramref name="Folded"/>, then tells <paramref name="ReplyTo"/> <paramref name="Accepted"/>.</summary>
internal sealed record FoldDurable(HandoffFolded Folded, IActorRef ReplyTo, HandoffAccepted Accepted) : INoSerializationVerificationNeeded;
