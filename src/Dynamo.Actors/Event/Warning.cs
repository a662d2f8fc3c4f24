namespace Dynamo.Actors.Event;

/// <summary>A log event at <see cref="LogLevel.Warning"/>.</summary>
public sealed record Warning(DateTimeOffset Timestamp, string LogSource, Type LogClass, string Message)
    : LogEvent(Timestamp, LogSource, LogClass, Message)
{
    /// <inheritdoc />
    public override LogLevel Level => LogLevel.Warning;

    /// <inheritdoc />
    public override string ToString() => base.ToString();
}
