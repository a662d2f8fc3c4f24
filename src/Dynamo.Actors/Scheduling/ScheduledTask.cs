namespace Dynamo.Actors.Scheduling;

/// <summary>One entry of a scheduler's queue; it is also the cancelable handed back to the caller, to save an allocation.</summary>
internal sealed class ScheduledTask : Cancelable
{
    private readonly Action<object?> _action;
    private readonly object? _state;

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

    public void Run() => _action(_state);
}
