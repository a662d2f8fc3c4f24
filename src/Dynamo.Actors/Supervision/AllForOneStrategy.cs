using Dynamo.Actors.Dispatch.SysMsg;

namespace Dynamo.Actors.Supervision;

/// <summary>
/// Applies Restart or Stop to all children when one fails: for siblings that only make sense together.
/// Resume still applies to the failing child alone.
/// </summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    /// <summary>Creates the strategy with a restart limit per time window.</summary>
    /// <param name="maxNrOfRetries">Restarts allowed within the window (counted per child); negative for unlimited.</param>
    /// <param name="withinTimeRange">The window; null for the children's whole life.</param>
    /// <param name="decider">Maps the exception to a directive.</param>
    /// <param name="loggingEnabled">Whether handled failures are logged.</param>
    public AllForOneStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled = true)
        : base(maxNrOfRetries, withinTimeRange, decider, loggingEnabled) { }

    /// <summary>Creates the strategy with unlimited restarts.</summary>
    public AllForOneStrategy(Func<Exception, Directive> decider) : this(-1, null, decider) { }

    internal override void ProcessFailure(Internal.ActorCell supervisor, bool restart, ChildRestartStats failed, Exception cause, IReadOnlyList<ChildRestartStats> children)
    {
        var now = supervisor.System.Clock.MonotonicClock;
        // Every child must be allowed another restart, or they all stop: they live and die as a group.
        bool allowed = restart && children.All(c => c.RequestRestartPermission(MaxNrOfRetries, WithinTimeRange, now));
        foreach (var stats in children)
        {
            var child = (IInternalActorRef)stats.Child;
            if (!allowed)
            {
                supervisor.Stop(child);
                continue;
            }
            // A Recreate lifts one suspension; the failed child is suspended already, its siblings are not yet.
            if (!child.Equals(failed.Child)) child.SendSystemMessage(Suspend.Instance);
            child.SendSystemMessage(new Recreate(cause));
        }
    }
}
