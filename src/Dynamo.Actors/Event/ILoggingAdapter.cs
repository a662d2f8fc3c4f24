namespace Dynamo.Actors.Event;

/// <summary>What actors log through (<c>Context.GetLogger()</c>); lines become <see cref="LogEvent"/>s on the event stream.</summary>
public interface ILoggingAdapter
{
    /// <summary>True when events of <paramref name="level"/> are published; check it before building costly messages.</summary>
    bool IsEnabled(LogLevel level);

    /// <summary>Logs at <paramref name="level"/>; <paramref name="format"/> uses <see cref="string.Format(string, object?[])"/> placeholders.</summary>
    void Log(LogLevel level, Exception? cause, string format, params object?[] args);

    /// <summary>Logs at Debug.</summary>
    void Debug(string format, params object?[] args);

    /// <summary>Logs at Info.</summary>
    void Info(string format, params object?[] args);

    /// <summary>Logs at Warning.</summary>
    void Warning(string format, params object?[] args);

    /// <summary>Logs at Error.</summary>
    void Error(string format, params object?[] args);

    /// <summary>Logs at Error with the exception that caused it.</summary>
    void Error(Exception cause, string format, params object?[] args);
}
