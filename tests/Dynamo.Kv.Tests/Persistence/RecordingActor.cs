using Akka.Actor;
using Akka.Persistence;

namespace Dynamo.Kv.Tests.Persistence;

/// <summary>
/// A persistent actor that persists every string it is told and acknowledges it once the journal has it; asked
/// <see cref="Events"/>, it answers every event it holds, those it recovered first.
/// </summary>
internal sealed class RecordingActor : ReceivePersistentActor
{
    private readonly List<string> _events = [];

    public RecordingActor(string persistenceId)
    {
        PersistenceId = persistenceId;
        Recover<string>(_events.Add);
        Command<Events>(_ => Sender.Tell(_events.ToArray()));
        Command<string>(text => Persist(text, persisted =>
        {
            _events.Add(persisted);
            Sender.Tell(new Persisted(persisted));
        }));
    }

    /// <inheritdoc />
    public override string PersistenceId { get; }

    /// <summary>Props of the actor whose journal entries are those of <paramref name="persistenceId"/>.</summary>
    public static Props Props(string persistenceId) => Akka.Actor.Props.Create(() => new RecordingActor(persistenceId));

    /// <summary>Asks for every event the actor holds, answered with an array of strings.</summary>
    public sealed record Events
    {
        /// <summary>The only instance.</summary>
        public static Events Instance { get; } = new();
    }

    /// <summary>The journal confirmed <paramref name="Event"/>.</summary>
    public sealed record Persisted(string Event);
}
