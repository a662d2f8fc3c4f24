namespace Dynamo.Actors.Event;

/// <summary>Severity of a log event, lowest first.</summary>
public enum LogLevel
{
    /// <summary>Detail for developers.</summary>
    Debug,

    /// <summary>Normal operation worth recording.</summary>
    Info,

    /// <summary>Something unexpected that the system copes with.</summary>
    Warning,

    /// <summary>A failure.</summary>
    Error,

    /// <summary>Logging switched off.</summary>
    Off,
}
