namespace Dynamo.Actors.Supervision;

/// <summary>
/// How a parent treats failing children: a decider maps the exception to a <see cref="Directive"/>, and the
/// strategy applies it either to the failing child alone (<see cref="OneForOneStrategy"/>) or to all children
/// (<see cref="AllForOneStrategy"/>), stopping children that exceed the allowed restarts.
/// </summary>
public abstract class SupervisorStrategy
{
    /// <summary>
    /// Stop actors that failed to start, were killed or lost a watched actor (retrying cannot help those);
    /// restart on any other exception.
    /// </summary>
    public static Directive DefaultDecider(Exception exception) => exception switch
    {
        ActorInitializationException => Directive.Stop,
        ActorKilledException => Directive.Stop,
        DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>One-for-one with <see cref="DefaultDecider"/>, unlimited restarts.</summary>
    public static readonly SupervisorStrategy DefaultStrategy = new OneForOneStrategy(DefaultDecider);

    /// <summary>One-for-one that stops every failing child.</summary>
    public static readonly SupervisorStrategy StoppingStrategy = new OneForOneStrategy(_ => Directive.Stop);

    /// <summary>Creates a strategy.</summary>
    protected SupervisorStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled)
    {
        ArgumentNullException.ThrowIfNull(decider);
        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
        LoggingEnabled = loggingEnabled;
    }

    /// <summary>Restarts allowed per child within <see cref="WithinTimeRange"/>; negative means unlimited.</summary>
    public int MaxNrOfRetries { get; }

    /// <summary>The window restarts are counted in; null means the child's whole life.</summary>
    public TimeSpan? WithinTimeRange { get; }

    /// <summary>Maps a child's exception to what happens next.</summary>
    public Func<Exception, Directive> Decider { get; }

    /// <summary>Whether failures are logged at Error level when handled.</summary>
    public bool LoggingEnabled { get; }

    /// <summary>Applies Restart (when <paramref name="restart"/>) or Stop to the failed child and, depending on the strategy, its siblings.</summary>
    internal abstract void ProcessFailure(Internal.ActorCell supervisor, bool restart, ChildRestartStats failed, Exception cause, IReadOnlyList<ChildRestartStats> children);
}
