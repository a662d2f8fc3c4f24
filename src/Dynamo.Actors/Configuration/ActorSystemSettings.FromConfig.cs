using Dynamo.Actors.Configuration;
using Dynamo.Actors.Event;

namespace Dynamo.Actors;

public sealed partial record ActorSystemSettings
{
    /// <summary>
    /// The configuration the settings were read from (with reference fallback), so that extensions such as the
    /// cluster can read their own sections; null when the settings were built in code.
    /// </summary>
    public Config? Config { get; init; }

    /// <summary>
    /// Settings from the <c>dynamo.actor</c> section of <paramref name="config"/>, with <see cref="ConfigurationFactory.Reference"/>
    /// as fallback for any key it lacks. Services (clock, scheduler, dispatcher, provider) keep their defaults.
    /// </summary>
    /// <exception cref="ConfigurationException">A key has the wrong type or an out-of-range value.</exception>
    public static ActorSystemSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var full = config.WithFallback(ConfigurationFactory.Reference());
        var c = full.GetConfig("dynamo.actor");
        var settings = new ActorSystemSettings
        {
            Throughput = c.GetInt("default-dispatcher.throughput"),
            DefaultAskTimeout = c.GetTimeSpan("ask-timeout"),
            LogDeadLetters = c.GetInt("log-dead-letters"),
            LogLevel = ParseLevel(c, "loglevel"),
            StdoutLogger = c.GetBoolean("stdout-logger"),
            StdoutLogLevel = ParseLevel(c, "stdout-loglevel"),
            DebugUnhandled = c.GetBoolean("debug.unhandled"),
            DebugLifecycle = c.GetBoolean("debug.lifecycle"),
            Config = full,
        };
        try
        {
            settings.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ConfigurationException($"dynamo.actor: {e.Message}");
        }
        return settings;
    }

    private static LogLevel ParseLevel(Config c, string key)
    {
        string text = c.GetString(key);
        return text.ToUpperInvariant() switch
        {
            "DEBUG" => LogLevel.Debug,
            "INFO" => LogLevel.Info,
            "WARNING" or "WARN" => LogLevel.Warning,
            "ERROR" => LogLevel.Error,
            "OFF" => LogLevel.Off,
            _ => throw new ConfigurationException($"dynamo.actor.{key} must be DEBUG, INFO, WARNING, ERROR or OFF, was '{text}'.", $"dynamo.actor.{key}"),
        };
    }
}
