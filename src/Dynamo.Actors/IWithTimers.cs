namespace Dynamo.Actors;

/// <summary>Implemented by actors that use keyed timers; the runtime sets <see cref="Timers"/> right after construction.</summary>
public interface IWithTimers
{
    /// <summary>The actor's timers.</summary>
    ITimerScheduler Timers { get; set; }
}
