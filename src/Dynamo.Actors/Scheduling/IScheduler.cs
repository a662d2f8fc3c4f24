namespace Dynamo.Actors.Scheduling;

/// <summary>
/// Runs work later: tells messages after a delay or periodically. Work runs on the scheduler's own thread
/// (or, for <see cref="VirtualTimeScheduler"/>, when time is advanced), so actions must be short.
/// </summary>
public interface IScheduler
{
    /// <summary>The clock deadlines are measured against.</summary>
    ITimeProvider Clock { get; }

    /// <summary>Tells <paramref name="message"/> to <paramref name="receiver"/> once, after <paramref name="delay"/>.</summary>
    ICancelable ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender);

    /// <summary>Tells <paramref name="message"/> after <paramref name="initialDelay"/> and then every <paramref name="interval"/>.</summary>
    ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender);

    /// <summary>Runs <paramref name="action"/> once after <paramref name="delay"/>.</summary>
    ICancelable ScheduleOnce(TimeSpan delay, Action action);

    /// <summary>Runs <paramref name="action"/> with <paramref name="state"/> once after <paramref name="delay"/>, without a closure.</summary>
    ICancelable ScheduleOnce(TimeSpan delay, Action<object?> action, object? state);

    /// <summary>Runs <paramref name="action"/> after <paramref name="initialDelay"/> and then every <paramref name="interval"/>.</summary>
    ICancelable ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action);
}
