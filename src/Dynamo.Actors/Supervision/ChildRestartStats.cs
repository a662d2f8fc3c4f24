namespace Dynamo.Actors.Supervision;

/// <summary>A supervisor's restart bookkeeping for one child, for "at most N restarts within a window".</summary>
public sealed class ChildRestartStats
{
    /// <summary>Creates empty statistics for <paramref name="child"/>.</summary>
    public ChildRestartStats(IActorRef child) => Child = child;

    /// <summary>The child these statistics belong to.</summary>
    public IActorRef Child { get; }

    /// <summary>Restarts counted in the current window.</summary>
    public int RestartCount { get; private set; }

    /// <summary>When the current window started, on the system's monotonic clock.</summary>
    public TimeSpan WindowStart { get; private set; }

    /// <summary>
    /// Records a restart request and answers whether it is allowed. <paramref name="maxNrOfRetries"/> below zero
    /// means unlimited; a null or non-positive <paramref name="window"/> counts over the child's whole life.
    /// </summary>
    public bool RequestRestartPermission(int maxNrOfRetries, TimeSpan? window, TimeSpan now)
    {
        if (maxNrOfRetries < 0) return true;
        if (maxNrOfRetries == 0) return false;
        if (window is not { } w || w <= TimeSpan.Zero)
        {
            RestartCount++;
            return RestartCount <= maxNrOfRetries;
        }
        if (RestartCount == 0 || now - WindowStart > w)
        {
            // A new window opens with this restart as its first.
            RestartCount = 1;
            WindowStart = now;
            return true;
        }
        RestartCount++;
        return RestartCount <= maxNrOfRetries;
    }
}
