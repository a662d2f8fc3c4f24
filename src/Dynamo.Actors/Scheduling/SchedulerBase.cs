namespace Dynamo.Actors.Scheduling;

/// <summary>
/// The scheduling API shared by the real and the virtual scheduler; subclasses only decide when queued tasks run.
/// Tasks are ordered by due time, then by the order they were scheduled, so equal deadlines run first-in first-out.
/// </summary>
public abstract class SchedulerBase : IScheduler
{
    private static readonly Action<object?> TellAction = static s => ((TellRequest)s!).Send();
    private static readonly Action<object?> RunAction = static s => ((Action)s!)();

    private readonly PriorityQueue<ScheduledTask, (TimeSpan Due, long Sequence)> _queue = new();
    private long _sequence;
    private int _purgeThreshold = 4096;

    /// <summary>Creates a scheduler reading <paramref name="clock"/>.</summary>
    protected SchedulerBase(ITimeProvider clock) => Clock = clock;

    /// <inheritdoc />
    public ITimeProvider Clock { get; }

    /// <summary>Guards the queue; subclasses wait and pulse on it.</summary>
    protected object Gate { get; } = new();

    /// <inheritdoc />
    public ICancelable ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender) =>
        Schedule(delay, TimeSpan.Zero, TellAction, new TellRequest(receiver, message, sender));

    /// <inheritdoc />
    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender)
    {
        CheckInterval(interval);
        return Schedule(initialDelay, interval, TellAction, new TellRequest(receiver, message, sender));
    }

    /// <inheritdoc />
    public ICancelable ScheduleOnce(TimeSpan delay, Action action) => Schedule(delay, TimeSpan.Zero, RunAction, action);

    /// <inheritdoc />
    public ICancelable ScheduleOnce(TimeSpan delay, Action<object?> action, object? state) => Schedule(delay, TimeSpan.Zero, action, state);

    /// <inheritdoc />
    public ICancelable ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action)
    {
        CheckInterval(interval);
        return Schedule(initialDelay, interval, RunAction, action);
    }

    private static void CheckInterval(TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "A repeating schedule needs a positive interval.");
    }

    private ScheduledTask Schedule(TimeSpan delay, TimeSpan interval, Action<object?> action, object? state)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (delay < TimeSpan.Zero) delay = TimeSpan.Zero;
        var task = new ScheduledTask(Clock.MonotonicClock + delay, interval, action, state);
        lock (Gate)
        {
            bool earliest = !_queue.TryPeek(out _, out var head) || task.Due < head.Due;
            Enqueue(task);
            if (_queue.Count > _purgeThreshold) Purge();
            if (earliest) OnEarliestChanged();
        }
        return task;
    }

    /// <summary>Cancelled tasks stay queued until due; purging keeps many short-lived Ask timeouts from piling up.</summary>
    private void Purge()
    {
        var live = new List<(ScheduledTask, (TimeSpan, long))>(_queue.Count);
        foreach (var item in _queue.UnorderedItems)
            if (!item.Element.IsCancellationRequested) live.Add(item);
        _queue.Clear();
        _queue.EnqueueRange(live);
        _purgeThreshold = Math.Max(4096, live.Count * 2);
    }

    private void Enqueue(ScheduledTask task) => _queue.Enqueue(task, (task.Due, _sequence++));

    /// <summary>Called under <see cref="Gate"/> when a new task became the first due.</summary>
    protected virtual void OnEarliestChanged() { }

    /// <summary>The due time of the first live task, if any. Call under <see cref="Gate"/>.</summary>
    protected TimeSpan? PeekDue()
    {
        while (_queue.TryPeek(out var task, out var key))
        {
            if (!task.IsCancellationRequested) return key.Due;
            _queue.Dequeue();
        }
        return null;
    }

    /// <summary>Takes the next task due at or before <paramref name="now"/>. Call under <see cref="Gate"/>.</summary>
    internal bool TryDequeueDue(TimeSpan now, out ScheduledTask task)
    {
        var due = PeekDue();
        if (due is { } d && d <= now)
        {
            task = _queue.Dequeue();
            return true;
        }
        task = null!;
        return false;
    }

    /// <summary>Runs a task taken from the queue (outside <see cref="Gate"/>) and requeues it if it repeats.</summary>
    internal void Execute(ScheduledTask task)
    {
        if (task.IsCancellationRequested) return;
        try
        {
            task.Run();
        }
        catch (Exception e)
        {
            OnTaskFailed(e);
        }
        if (!task.IsRepeating || task.IsCancellationRequested) return;
        lock (Gate)
        {
            task.Due += task.Interval;
            Enqueue(task);
        }
    }

    /// <summary>Scheduled work must not kill the scheduler; subclasses may report the failure.</summary>
    protected virtual void OnTaskFailed(Exception exception) { }

    private sealed record TellRequest(ICanTell Receiver, object Message, IActorRef? Sender)
    {
        public void Send() => Receiver.Tell(Message, Sender);
    }
}
