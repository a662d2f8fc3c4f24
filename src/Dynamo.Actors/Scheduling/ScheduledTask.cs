namespace Dynamo.Actors.Scheduling;

/// <summary>One entry of a scheduler's queue; it is also the cancelable handed back to the caller, to save an allocation.</summary>
internal sealed class ScheduledTask : Cancelable
{
    // Marks a cancelled task's state: null is a valid state, so it cannot mean "cancelled".
    private static readonly object CancelledState = new();

    private readonly Action<object?> _action;
    private object? _state;

    public ScheduledTask(TimeSpan due, TimeSpan interval, Action<object?> action, object? state)
    {
        Due = due;
        Interval = interval;
        _action = action;
        _state = state;
    }

    /// <summary>When it runs next, on the scheduler's monotonic clock.</summary>
    public TimeSpan Due { get; set; }

    /// <summary>Zero for one-shot tasks.</summary>
    public TimeSpan Interval { get; }

    public bool IsRepeating => Interval > TimeSpan.Zero;

    public void Run()
    {
        var state = Volatile.Read(ref _state);
        if (!ReferenceEquals(state, CancelledState)) _action(state);
    }

    /// <summary>
    /// A cancelled task stays queued until it is due or purged; dropping its state now keeps it from holding on to
    /// what it would have touched (an Ask's promise, a timer's actor with all its state) for that long.
    /// </summary>
    protected override void OnCancel() => Volatile.Write(ref _state, CancelledState);
}
