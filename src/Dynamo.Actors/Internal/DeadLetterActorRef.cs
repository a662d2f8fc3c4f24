using Dynamo.Actors.Event;

namespace Dynamo.Actors.Internal;

/// <summary>
/// Where undeliverable messages go: each is published as <see cref="DeadLetter"/> on the event stream, and the
/// first few (ActorSystemSettings.LogDeadLetters) are also logged so that lost messages are visible by default.
/// </summary>
internal sealed class DeadLetterActorRef : MinimalActorRef
{
    private readonly ActorSystem _system;
    private long _count;

    public DeadLetterActorRef(ActorSystem system, ActorPath path)
    {
        _system = system;
        Path = path;
    }

    public override ActorPath Path { get; }

    public override ActorSystem System => _system;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        var letter = message as DeadLetter ?? new DeadLetter(message, sender ?? this, this);
        if (letter.Message is Identify identify)
        {
            // Identifying a dead actor must get an answer, or ResolveOne would wait for its timeout.
            letter.Sender.Tell(new ActorIdentity(identify.MessageId, null), this);
            return;
        }
        _system.EventStream.Publish(letter);
        long n = Interlocked.Increment(ref _count);
        int limit = _system.Settings.LogDeadLetters;
        if (n <= limit && letter.Message is not Terminated)
        {
            string more = n == limit ? " No more dead letters will be logged." : "";
            Logging.GetLogger(_system, Path.ToString(), typeof(DeadLetter)).Info(
                "Message [{0}] from {1} to {2} was not delivered. [{3}] dead letters encountered.{4}",
                letter.Message.GetType().Name, letter.Sender.Path, letter.Recipient.Path, n, more);
        }
    }
}
