namespace Dynamo.Actors.Event;

/// <summary>A log line published on the <see cref="EventStream"/>; loggers are subscribers of this type.</summary>
public abstract record LogEvent(DateTimeOffset Timestamp, string LogSource, Type LogClass, string Message)
{
    /// <summary>The severity.</summary>
    public abstract LogLevel Level { get; }

    /// <inheritdoc />
    public override string ToString() => $"[{Level.ToString().ToUpperInvariant()}][{Timestamp:O}][{LogSource}] {Message}";
}
