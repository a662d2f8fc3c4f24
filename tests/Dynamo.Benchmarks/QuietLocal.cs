using Akka.Configuration;

namespace Dynamo.Benchmarks;

/// <summary>
/// Settings of the in-process actor systems the benchmarks start: local actors only, and only errors logged,
/// so logging costs nothing while measuring.
/// </summary>
internal static class QuietLocal
{
    /// <summary>The settings.</summary>
    public static Config Settings { get; } = ConfigurationFactory.ParseString("""
        akka.loglevel = ERROR
        akka.stdout-loglevel = ERROR
        akka.log-dead-letters = off
        akka.coordinated-shutdown.exit-clr = off
        """);
}
