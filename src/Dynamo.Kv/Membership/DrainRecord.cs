using Akka.Actor;
using Akka.Persistence;

namespace Dynamo.Kv.Membership;

/// <summary>
/// Whether this node is draining, kept in the node's journal, as a child of the <see cref="RingCoordinator"/>. Told
/// <see cref="DrainStarted"/> or <see cref="DrainEnded"/>, it persists it and then echoes it to the sender; once
/// recovered it tells its parent <see cref="DrainRestored"/>, so a node that went down mid-drain drains on.
/// </summary>
/// <remarks>
/// Its persistence id is the same on every node: each node's journal is its own (a file or a schema of its own), so
/// there is one record per journal. Only the last event counts, so each persisted event deletes the ones before it
/// and the journal keeps one. A failed write stops the actor (Akka.Persistence does so on a persist failure); its
/// parent watches it and answers the drain's requesters with the failure.
/// </remarks>
public sealed class DrainRecord : ReceivePersistentActor
{
    /// <summary>The name of the record under the ring coordinator.</summary>
    public const string Name = "drain-record";

    /// <summary>The record's persistence id in its node's journal.</summary>
    public const string JournalPersistenceId = "drain-record";

    private bool _draining;

    /// <summary>Creates the record; <see cref="RingCoordinator"/> does, named <see cref="Name"/>.</summary>
    public DrainRecord()
    {
        Recover<DrainStarted>(_ => _draining = true);
        Recover<DrainEnded>(_ => _draining = false);
        Recover<RecoveryCompleted>(_ => Context.Parent.Tell(new DrainRestored(_draining), Self));
        Command<DrainStarted>(e => Record(e, draining: true));
        Command<DrainEnded>(e => Record(e, draining: false));
        Command<DeleteMessagesSuccess>(_ => { });
        // The older event stays: recovery then reads two instead of one, which changes nothing.
        Command<DeleteMessagesFailure>(_ => { });
    }

    /// <inheritdoc />
    public override string PersistenceId => JournalPersistenceId;

    /// <summary>Props for the record.</summary>
    public static Props Props() => Akka.Actor.Props.Create(() => new DrainRecord());

    private void Record(object e, bool draining)
    {
        var replyTo = Sender;
        Persist(e, persisted =>
        {
            _draining = draining;
            if (LastSequenceNr > 1) DeleteMessages(LastSequenceNr - 1);
            replyTo.Tell(persisted, Self);
        });
    }
}
