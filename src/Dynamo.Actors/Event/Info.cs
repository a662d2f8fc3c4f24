namespace Dynamo.Actors.Event;

/// <summary>A log event at <see cref="LogLevel.Info"/>.</summary>
public sealed record Info(DateTimeOffset Timestamp, string LogSource, Type LogClass, string Message)
    : LogEvent(Timestamp, LogSource, LogClass, Message)
{
    /// <inheritdoc />
    public override LogLevel Level => LogLevel.Info;

    /// <inheritdoc />
    public override string ToString() => base.ToString();
}
