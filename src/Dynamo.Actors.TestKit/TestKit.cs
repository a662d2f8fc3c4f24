namespace Dynamo.Actors.TestKit;

/// <summary>
/// Base class for xunit actor tests: each test gets its own system (xunit creates one test-class instance per
/// test) and it is terminated on dispose. Pass <c>virtualTime: true</c> for a deterministic system driven by
/// <see cref="TestKitBase.Advance"/>.
/// </summary>
public abstract class TestKit : TestKitBase, IDisposable
{
    /// <summary>Creates a system from <paramref name="settings"/> (quiet logging by default).</summary>
    protected TestKit(ActorSystemSettings? settings = null, string? systemName = null)
        : base(ActorSystem.Create(systemName ?? "test", settings ?? RealTimeSettings())) { }

    /// <summary>Creates a real-time system, or with <paramref name="virtualTime"/> a deterministic one seeded with <paramref name="seed"/>.</summary>
    protected TestKit(bool virtualTime, int seed = 0)
        : this(virtualTime ? VirtualTimeSettings(seed) : RealTimeSettings()) { }

    /// <summary>Real-time settings for tests: the defaults with short Ask timeouts and only errors printed.</summary>
    public static ActorSystemSettings RealTimeSettings() =>
        ActorSystemSettings.Default with { DefaultAskTimeout = TimeSpan.FromSeconds(3), StdoutLogLevel = Event.LogLevel.Error };

    /// <summary>Deterministic settings: virtual clock and scheduler, run-on-demand dispatcher, seeded randomness.</summary>
    public static ActorSystemSettings VirtualTimeSettings(int seed = 0) =>
        ActorSystemSettings.Deterministic(seed) with { DefaultAskTimeout = TimeSpan.FromSeconds(3), StdoutLogLevel = Event.LogLevel.Error };

    /// <summary>Terminates the system (bounded wait).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Terminates the system; override to release more.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing) Sys.Dispose();
    }
}
