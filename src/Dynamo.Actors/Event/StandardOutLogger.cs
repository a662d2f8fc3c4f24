namespace Dynamo.Actors.Event;

/// <summary>
/// The default logger: writes log events at or above its level to standard output. It is a reference rather than
/// an actor so that it works before and after the actor tree exists (start-up and shutdown messages).
/// </summary>
public sealed class StandardOutLogger : MinimalActorRef
{
    private readonly LogLevel _minimum;
    private readonly ActorPath _path;
    private readonly Lock _gate = new();

    /// <summary>Creates a logger printing events at or above <paramref name="minimum"/>.</summary>
    public StandardOutLogger(Address address, LogLevel minimum)
    {
        _minimum = minimum;
        _path = ActorPath.Root(address) / "StandardOutLogger";
    }

    /// <inheritdoc />
    public override ActorPath Path => _path;

    /// <inheritdoc />
    public override void Tell(object message, IActorRef? sender)
    {
        if (message is not LogEvent e || e.Level < _minimum || e.Level == LogLevel.Off) return;
        // Whole lines from concurrent actors must not interleave.
        lock (_gate) Console.Out.WriteLine(e.ToString());
    }
}
