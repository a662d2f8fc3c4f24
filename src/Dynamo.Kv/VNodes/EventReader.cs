using Akka.Actor;
using Akka.Persistence;

namespace Dynamo.Kv.VNodes;

/// <summary>
/// Reads events of a persistent actor back from its journal (the journal's replay protocol, over a range of
/// sequence numbers) and completes a promise with them: how a vnode reads an object its cache no longer
/// holds, and how its compaction reads its journal page by page. One short-lived actor per read, so replies
/// need no correlation.
/// </summary>
/// <remarks>
/// The promise gets the events the journal still has in the range, in order (none when they were deleted),
/// or the journal's error. A journal that does not answer within the timeout fails the read.
/// </remarks>
public sealed class EventReader : ReceiveActor
{
    private readonly TaskCompletionSource<IReadOnlyList<IPersistentRepresentation>> _result;
    private readonly List<IPersistentRepresentation> _events = [];

    /// <summary>Creates the reader of at most <paramref name="max"/> events in <paramref name="from"/>..<paramref name="to"/> of <paramref name="persistenceId"/>.</summary>
    public EventReader(IActorRef journal, string persistenceId, long from, long to, long max, TimeSpan timeout, TaskCompletionSource<IReadOnlyList<IPersistentRepresentation>> result)
    {
        _result = result;
        Receive<ReplayedMessage>(m => _events.Add(m.Persistent));
        Receive<RecoverySuccess>(_ => Complete(() => _result.TrySetResult(_events)));
        Receive<ReplayMessagesFailure>(f => Complete(() => _result.TrySetException(f.Cause)));
        Receive<ReceiveTimeout>(_ => Complete(() => _result.TrySetException(
            new TimeoutException($"the journal did not return events {from}..{to} of {persistenceId} within {timeout.TotalMilliseconds:0} ms"))));
        Context.SetReceiveTimeout(timeout);
        journal.Tell(new ReplayMessages(from, to, max, persistenceId, Self));
    }

    /// <summary>
    /// Starts a reader of events <paramref name="from"/>..<paramref name="to"/> (a child of <paramref name="factory"/>
    /// when that is an actor's context); the task completes with the events the journal has in that range.
    /// </summary>
    public static async Task<IReadOnlyList<object>> Read(IActorRefFactory factory, IActorRef journal, string persistenceId, long from, long to, TimeSpan timeout)
    {
        var events = await ReadPersistent(factory, journal, persistenceId, from, to, long.MaxValue, timeout).ConfigureAwait(false);
        return [.. events.Select(e => e.Payload)];
    }

    /// <summary>
    /// Starts a reader of the first <paramref name="max"/> events the journal still has in <paramref name="from"/>..<paramref name="to"/>
    /// (a child of <paramref name="factory"/> when that is an actor's context); the task completes with them and their sequence numbers.
    /// </summary>
    public static Task<IReadOnlyList<IPersistentRepresentation>> ReadPersistent(
        IActorRefFactory factory, IActorRef journal, string persistenceId, long from, long to, long max, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var result = new TaskCompletionSource<IReadOnlyList<IPersistentRepresentation>>(TaskCreationOptions.RunContinuationsAsynchronously);
        factory.ActorOf(Props.Create(() => new EventReader(journal, persistenceId, from, to, max, timeout, result)));
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
