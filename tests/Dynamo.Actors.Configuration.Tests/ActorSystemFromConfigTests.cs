using Xunit;
using Dynamo.Actors.Configuration;
using Dynamo.Actors.Event;

namespace Dynamo.Actors.Configuration.Tests;

public sealed class ActorSystemFromConfigTests
{
    [Fact]
    public void Actor_keys_map_onto_the_system_settings()
    {
        var config = ConfigurationFactory.ParseString("""
            dynamo.actor {
              default-dispatcher.throughput = 7
              ask-timeout = 750ms
              log-dead-letters = 3
              loglevel = DEBUG
              stdout-loglevel = ERROR
              debug { unhandled = on, lifecycle = on }
            }
            """);

        var settings = ActorSystemSettings.FromConfig(config);

        Assert.Equal(7, settings.Throughput);
        Assert.Equal(TimeSpan.FromMilliseconds(750), settings.DefaultAskTimeout);
        Assert.Equal(3, settings.LogDeadLetters);
        Assert.Equal(LogLevel.Debug, settings.LogLevel);
        Assert.Equal(LogLevel.Error, settings.StdoutLogLevel);
        Assert.True(settings.DebugUnhandled);
        Assert.True(settings.DebugLifecycle);
        Assert.Equal("7", settings.Config!.GetString("dynamo.actor.default-dispatcher.throughput"));
    }

    [Fact]
    public void Missing_keys_take_the_reference_defaults()
    {
        var settings = ActorSystemSettings.FromConfig(Config.Empty);

        Assert.Equal(30, settings.Throughput);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.DefaultAskTimeout);
        Assert.Equal(LogLevel.Info, settings.LogLevel);
    }

    [Fact]
    public void A_system_created_from_config_runs_with_its_settings()
    {
        using var system = ActorSystem.Create("configured", ConfigurationFactory.ParseString("dynamo.actor.ask-timeout = 2s"));

        Assert.Equal(TimeSpan.FromSeconds(2), system.Settings.DefaultAskTimeout);
    }

    [Fact]
    public void An_unknown_log_level_is_refused_naming_the_key()
    {
        var e = Assert.Throws<ConfigurationException>(() => ActorSystemSettings.FromConfig(ConfigurationFactory.ParseString("dynamo.actor.loglevel = LOUD")));

        Assert.Contains("dynamo.actor.loglevel", e.Message);
    }

    [Fact]
    public void An_out_of_range_throughput_is_refused()
    {
        var e = Assert.Throws<ConfigurationException>(() => ActorSystemSettings.FromConfig(ConfigurationFactory.ParseString("dynamo.actor.default-dispatcher.throughput = 0")));

        Assert.Contains("Throughput", e.Message);
    }

    [Fact]
    public void A_networked_provider_is_refused_by_the_local_overload()
    {
        var e = Assert.Throws<ConfigurationException>(() => ActorSystem.Create("net", ConfigurationFactory.ParseString("dynamo.actor.provider = remote")));

        Assert.Contains("dynamo.actor.provider", e.Message);
    }
}
