namespace Dynamo.Actors.Scheduling;

/// <summary>
/// A scheduler on a <see cref="VirtualClock"/>: nothing runs until <see cref="Advance"/> moves time, and then
/// tasks run on the calling thread in deadline order. With a seeded random source and
/// <see cref="Dispatch.DeterministicDispatcher"/> a whole run replays exactly.
/// </summary>
public sealed class VirtualTimeScheduler : SchedulerBase
{
    private readonly VirtualClock _clock;

    /// <summary>Creates a scheduler on <paramref name="clock"/> (a new clock at its default epoch if null).</summary>
    public VirtualTimeScheduler(VirtualClock? clock = null) : base(clock ??= new VirtualClock()) => _clock = clock;

    /// <summary>The virtual clock this scheduler moves.</summary>
    public VirtualClock VirtualClock => _clock;

    /// <summary>How long until the next live task is due (zero if overdue), or null when nothing is scheduled.</summary>
    public TimeSpan? NextDueIn
    {
        get
        {
            lock (Gate)
            {
                var due = PeekDue();
                return due is null ? null : due.Value > _clock.MonotonicClock ? due.Value - _clock.MonotonicClock : TimeSpan.Zero;
            }
        }
    }

    /// <summary>Runs every task due now (including repeats that fall due again), returning how many ran.</summary>
    public int RunDue()
    {
        int ran = 0;
        while (true)
        {
            ScheduledTask task;
            lock (Gate)
            {
                if (!TryDequeueDue(_clock.MonotonicClock, out task)) return ran;
            }
            Execute(task);
            ran++;
        }
    }

    /// <summary>
    /// Moves time forward by <paramref name="by"/>, stopping at each deadline on the way: the clock is set to it,
    /// the due tasks run, then <paramref name="settle"/> runs (typically "run the dispatcher until idle") so that
    /// timers started in reaction are themselves honoured within the same advance.
    /// </summary>
    public void Advance(TimeSpan by, Action? settle = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        var target = _clock.MonotonicClock + by;
        settle?.Invoke();
        while (true)
        {
            TimeSpan? due;
            lock (Gate) due = PeekDue();
            if (due is null || due.Value > target) break;
            _clock.AdvanceTo(due.Value);
            RunDue();
            settle?.Invoke();
        }
        _clock.AdvanceTo(target);
        RunDue();
        settle?.Invoke();
    }
}
