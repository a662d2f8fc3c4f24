namespace Dynamo.Actors.Scheduling;

/// <summary>A clock that only moves when told to; the base of deterministic tests and simulations.</summary>
public sealed class VirtualClock : ITimeProvider
{
    private readonly DateTimeOffset _start;
    private long _elapsedTicks;

    /// <summary>Creates a clock whose <see cref="Now"/> starts at <paramref name="start"/> (default 2020-01-01 UTC).</summary>
    public VirtualClock(DateTimeOffset? start = null) =>
        _start = start ?? new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <inheritdoc />
    public DateTimeOffset Now => _start + MonotonicClock;

    /// <inheritdoc />
    public TimeSpan MonotonicClock => TimeSpan.FromTicks(Interlocked.Read(ref _elapsedTicks));

    /// <summary>Moves the clock forward by <paramref name="by"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="by"/> is negative.</exception>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _elapsedTicks, by.Ticks);
    }

    /// <summary>Moves the clock to <paramref name="monotonic"/> if that is later than now; time never goes back.</summary>
    public void AdvanceTo(TimeSpan monotonic)
    {
        long current;
        do
        {
            current = Interlocked.Read(ref _elapsedTicks);
            if (monotonic.Ticks <= current) return;
        }
        while (Interlocked.CompareExchange(ref _elapsedTicks, monotonic.Ticks, current) != current);
    }
}
