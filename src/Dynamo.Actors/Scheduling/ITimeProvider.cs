namespace Dynamo.Actors.Scheduling;

/// <summary>
/// The clock an actor system reads. Everything time-dependent in the runtime goes through it,
/// so that a test or a simulator can substitute <see cref="VirtualClock"/>.
/// </summary>
public interface ITimeProvider
{
    /// <summary>Wall-clock time; for display and timestamps, never for ordering.</summary>
    DateTimeOffset Now { get; }

    /// <summary>Time elapsed since an arbitrary fixed origin; never goes backwards. Use it for deadlines and windows.</summary>
    TimeSpan MonotonicClock { get; }
}
