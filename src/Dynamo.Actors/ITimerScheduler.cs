namespace Dynamo.Actors;

/// <summary>
/// Keyed timers owned by one actor. Starting a timer under a key cancels the previous one, and cancelling a key
/// guarantees that no message of it is delivered afterwards, even one already queued. All timers are cancelled
/// when the actor restarts or stops. Use only from within the actor.
/// </summary>
public interface ITimerScheduler
{
    /// <summary>Sends <paramref name="message"/> to self once after <paramref name="timeout"/>.</summary>
    void StartSingleTimer(object key, object message, TimeSpan timeout);

    /// <summary>Sends <paramref name="message"/> to self every <paramref name="interval"/>.</summary>
    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    /// <summary>Sends <paramref name="message"/> to self after <paramref name="initialDelay"/> and then every <paramref name="interval"/>.</summary>
    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    /// <summary>True while the timer under <paramref name="key"/> can still fire.</summary>
    bool IsTimerActive(object key);

    /// <summary>Cancels the timer under <paramref name="key"/>, if any.</summary>
    void Cancel(object key);

    /// <summary>Cancels every timer.</summary>
    void CancelAll();

    /// <summary>Keys of the active timers.</summary>
    IReadOnlyCollection<object> ActiveTimers { get; }
}
