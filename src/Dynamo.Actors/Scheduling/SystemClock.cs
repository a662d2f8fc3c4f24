using System.Diagnostics;

namespace Dynamo.Actors.Scheduling;

/// <summary>The real clock: <see cref="DateTimeOffset.UtcNow"/> and a stopwatch-based monotonic clock.</summary>
public sealed class SystemClock : ITimeProvider
{
    /// <summary>The shared instance (the type is stateless apart from its immutable origin).</summary>
    public static readonly SystemClock Instance = new();

    private readonly long _origin = Stopwatch.GetTimestamp();

    /// <inheritdoc />
    public DateTimeOffset Now => DateTimeOffset.UtcNow;

    /// <inheritdoc />
    public TimeSpan MonotonicClock => Stopwatch.GetElapsedTime(_origin);
}
