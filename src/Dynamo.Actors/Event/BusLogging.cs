using Dynamo.Actors.Scheduling;

namespace Dynamo.Actors.Event;

/// <summary>The logging adapter that publishes to an <see cref="EventStream"/>, time-stamped by the system's clock.</summary>
public sealed class BusLogging : ILoggingAdapter
{
    private readonly EventStream _stream;
    private readonly string _source;
    private readonly Type _logClass;
    private readonly LogLevel _minimum;
    private readonly ITimeProvider _clock;

    /// <summary>Creates an adapter naming <paramref name="source"/> (usually an actor path) in every event.</summary>
    public BusLogging(EventStream stream, string source, Type logClass, LogLevel minimum, ITimeProvider clock)
    {
        _stream = stream;
        _source = source;
        _logClass = logClass;
        _minimum = minimum;
        _clock = clock;
    }

    /// <inheritdoc />
    public bool IsEnabled(LogLevel level) => level != LogLevel.Off && level >= _minimum;

    /// <inheritdoc />
    public void Log(LogLevel level, Exception? cause, string format, params object?[] args)
    {
        if (!IsEnabled(level)) return;
        string message = args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args);
        var now = _clock.Now;
        LogEvent e = level switch
        {
            LogLevel.Debug => new Debug(now, _source, _logClass, message),
            LogLevel.Info => new Info(now, _source, _logClass, message),
            LogLevel.Warning => new Warning(now, _source, _logClass, message),
            _ => new Error(now, _source, _logClass, message, cause),
        };
        _stream.Publish(e);
    }

    /// <inheritdoc />
    public void Debug(string format, params object?[] args) => Log(LogLevel.Debug, null, format, args);

    /// <inheritdoc />
    public void Info(string format, params object?[] args) => Log(LogLevel.Info, null, format, args);

    /// <inheritdoc />
    public void Warning(string format, params object?[] args) => Log(LogLevel.Warning, null, format, args);

    /// <inheritdoc />
    public void Error(string format, params object?[] args) => Log(LogLevel.Error, null, format, args);

    /// <inheritdoc />
    public void Error(Exception cause, string format, params object?[] args) => Log(LogLevel.Error, cause, format, args);
}
