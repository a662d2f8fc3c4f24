using Akka.Actor;
using Akka.Persistence;

namespace Dynamo.Kv.VNodes;

/// <summary>
/// Reads one event of a persistent actor back from its journal (the journal's replay protocol, for one
/// sequence number) and completes a promise with it: how a vnode reads an object its cache no longer
/// holds. One short-lived child per read, so replies need no correlation.
/// </summary>
/// <remarks>
/// The promise gets the event, or null when the journal no longer has it (deleted since), or the
/// journal's error. A journal that does not answer within the timeout fails the read.
/// </remarks>
public sealed class EventReader : ReceiveActor
{
    private readonly TaskCompletionSource<object?> _result;
    private object? _event;

    /// <summary>Creates the reader of event <paramref name="sequenceNr"/> of <paramref name="persistenceId"/>.</summary>
    public EventReader(IActorRef journal, string persistenceId, long sequenceNr, TimeSpan timeout, TaskCompletionSource<object?> result)
    {
        _result = result;
        Receive<ReplayedMessage>(m => _event = m.Persistent.Payload);
        Receive<RecoverySuccess>(_ => Complete(() => _result.TrySetResult(_event)));
        Receive<ReplayMessagesFailure>(f => Complete(() => _result.TrySetException(f.Cause)));
        Receive<ReceiveTimeout>(_ => Complete(() => _result.TrySetException(
            new TimeoutException($"the journal did not return event {sequenceNr} of {persistenceId} within {timeout.TotalMilliseconds:0} ms"))));
        Context.SetReceiveTimeout(timeout);
        journal.Tell(new ReplayMessages(sequenceNr, sequenceNr, 1, persistenceId, Self));
    }

    /// <summary>Starts a reader as a child of <paramref name="context"/>; the task completes with the event, or null if it is gone.</summary>
    public static Task<object?> Read(IActorContext context, IActorRef journal, string persistenceId, long sequenceNr, TimeSpan timeout)
    {
        var result = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        context.ActorOf(Props.Create(() => new EventReader(journal, persistenceId, sequenceNr, timeout, result)));
        return result.Task;
    }

    /// <inheritdoc />
    protected override void PostStop() =>
        _result.TrySetException(new ActorKilledException("the journal read stopped before the journal answered"));

    private void Complete(Action complete)
    {
        complete();
        Context.Stop(Self);
    }
}
