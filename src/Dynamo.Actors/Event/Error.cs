namespace Dynamo.Actors.Event;

/// <summary>A log event at <see cref="LogLevel.Error"/>, with the exception behind it if there is one.</summary>
public sealed record Error(DateTimeOffset Timestamp, string LogSource, Type LogClass, string Message, Exception? Cause)
    : LogEvent(Timestamp, LogSource, LogClass, Message)
{
    /// <inheritdoc />
    public override LogLevel Level => LogLevel.Error;

    /// <inheritdoc />
    public override string ToString() => Cause is null ? base.ToString() : $"{base.ToString()}{Environment.NewLine}{Cause}";
}
