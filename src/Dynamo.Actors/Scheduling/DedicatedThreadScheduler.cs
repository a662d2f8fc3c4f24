namespace Dynamo.Actors.Scheduling;

/// <summary>
/// The real scheduler: one background thread sleeping until the next deadline. One thread for the whole system
/// replaces a .NET timer per Ask or per actor timer.
/// </summary>
public sealed class DedicatedThreadScheduler : SchedulerBase, IDisposable
{
    private readonly Thread _thread;
    private readonly Action<Exception>? _onFailure;
    private bool _stopped;

    /// <summary>Starts the scheduler thread; <paramref name="onFailure"/> hears about work that threw.</summary>
    public DedicatedThreadScheduler(ITimeProvider? clock = null, Action<Exception>? onFailure = null)
        : base(clock ?? SystemClock.Instance)
    {
        _onFailure = onFailure;
        _thread = new Thread(Loop) { IsBackground = true, Name = "dynamo-scheduler" };
        _thread.Start();
    }

    /// <inheritdoc />
    protected override void OnEarliestChanged() => Monitor.Pulse(Gate);

    /// <inheritdoc />
    protected override void OnTaskFailed(Exception exception) => _onFailure?.Invoke(exception);

    private void Loop()
    {
        var due = new List<ScheduledTask>();
        while (true)
        {
            lock (Gate)
            {
                while (true)
                {
                    if (_stopped) return;
                    var now = Clock.MonotonicClock;
                    while (TryDequeueDue(now, out var task)) due.Add(task);
                    if (due.Count > 0) break;
                    var next = PeekDue();
                    if (next is null) Monitor.Wait(Gate);
                    else Monitor.Wait(Gate, Clamp(next.Value - now));
                }
            }
            foreach (var task in due) Execute(task);
            due.Clear();
        }
    }

    private static TimeSpan Clamp(TimeSpan wait) =>
        wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait > TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait;

    /// <summary>Stops the thread; pending work never runs.</summary>
    public void Dispose()
    {
        lock (Gate)
        {
            _stopped = true;
            Monitor.Pulse(Gate);
        }
        if (Thread.CurrentThread != _thread) _thread.Join(TimeSpan.FromSeconds(2));
    }
}
