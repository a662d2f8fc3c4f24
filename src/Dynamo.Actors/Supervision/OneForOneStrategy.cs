using Dynamo.Actors.Dispatch.SysMsg;

namespace Dynamo.Actors.Supervision;

/// <summary>Applies the decision to the failing child only; the usual choice.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    /// <summary>Creates the strategy with a restart limit per time window.</summary>
    /// <param name="maxNrOfRetries">Restarts allowed within the window; negative for unlimited. Beyond it the child is stopped.</param>
    /// <param name="withinTimeRange">The window; null for the child's whole life.</param>
    /// <param name="decider">Maps the exception to a directive.</param>
    /// <param name="loggingEnabled">Whether handled failures are logged.</param>
    public OneForOneStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled = true)
        : base(maxNrOfRetries, withinTimeRange, decider, loggingEnabled) { }

    /// <summary>Creates the strategy with unlimited restarts.</summary>
    public OneForOneStrategy(Func<Exception, Directive> decider) : this(-1, null, decider) { }

    internal override void ProcessFailure(Internal.ActorCell supervisor, bool restart, ChildRestartStats failed, Exception cause, IReadOnlyList<ChildRestartStats> children)
    {
        var child = (IInternalActorRef)failed.Child;
        if (restart && failed.RequestRestartPermission(MaxNrOfRetries, WithinTimeRange, supervisor.System.Clock.MonotonicClock))
            child.SendSystemMessage(new Recreate(cause));
        else
            supervisor.Stop(child);
    }
}
