namespace Dynamo.Actors.Event;

/// <summary>A log event at <see cref="LogLevel.Debug"/>.</summary>
public sealed record Debug(DateTimeOffset Timestamp, string LogSource, Type LogClass, string Message)
    : LogEvent(Timestamp, LogSource, LogClass, Message)
{
    /// <inheritdoc />
    public override LogLevel Level => LogLevel.Debug;

    /// <inheritdoc />
    public override string ToString() => base.ToString();
}
