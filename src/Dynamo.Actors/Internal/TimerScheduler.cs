using Dynamo.Actors.Scheduling;

namespace Dynamo.Actors.Internal;

/// <summary>
/// An actor's keyed timers. Each start gets a new generation; a timer message is delivered only if its key is
/// still active with the same generation, which is what makes cancel and replace exact even for queued messages.
/// </summary>
internal sealed class TimerScheduler : ITimerScheduler
{
    private readonly ActorCell _cell;
    private readonly Dictionary<object, Timer> _timers = new();
    private int _generation;

    public TimerScheduler(ActorCell cell) => _cell = cell;

    private sealed record Timer(int Generation, bool Repeating, ICancelable Task);

    public IReadOnlyCollection<object> ActiveTimers => _timers.Keys.ToArray();

    public void StartSingleTimer(object key, object message, TimeSpan timeout) => Start(key, message, timeout, TimeSpan.Zero);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) => Start(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval) => Start(key, message, initialDelay, interval);

    private void Start(object key, object message, TimeSpan delay, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        Cancel(key);
        int generation = ++_generation;
        var tick = new TimerMessage(key, generation, message, this);
        var scheduler = _cell.System.Scheduler;
        var task = interval > TimeSpan.Zero
            ? scheduler.ScheduleTellRepeatedly(delay, interval, _cell.SelfRef, tick, null)
            : scheduler.ScheduleTellOnce(delay, _cell.SelfRef, tick, null);
        _timers[key] = new Timer(generation, interval > TimeSpan.Zero, task);
    }

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var timer)) timer.Task.Cancel();
    }

    public void CancelAll()
    {
        foreach (var timer in _timers.Values) timer.Task.Cancel();
        _timers.Clear();
    }

    /// <summary>True when <paramref name="message"/> comes from the current incarnation of its timer; a single timer then ends.</summary>
    public bool Accept(TimerMessage message)
    {
        if (!ReferenceEquals(message.Owner, this) || !_timers.TryGetValue(message.Key, out var timer) || timer.Generation != message.Generation)
            return false;
        if (!timer.Repeating) _timers.Remove(message.Key);
        return true;
    }
}
