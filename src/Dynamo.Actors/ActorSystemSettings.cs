using Dynamo.Actors.Dispatch;
using Dynamo.Actors.Event;
using Dynamo.Actors.Scheduling;
using Dynamo.Actors.Supervision;
using Dynamo.Actors.Util;

namespace Dynamo.Actors;

/// <summary>
/// Everything an <see cref="ActorSystem"/> is configured with, including the pluggable clock, scheduler, randomness
/// and dispatcher that make deterministic runs possible. Null services mean "the real one". Partial so that the
/// configuration layer can add the mapping from its <c>dynamo.actor.*</c> keys beside this file.
/// </summary>
public sealed partial record ActorSystemSettings
{
    /// <summary>The defaults: thread pool, real clock, unseeded randomness.</summary>
    public static ActorSystemSettings Default { get; } = new();

    /// <summary>User messages an actor processes per mailbox run on the default dispatcher (<c>dynamo.actor.default-dispatcher.throughput</c>).</summary>
    public int Throughput { get; init; } = 30;

    /// <summary>Ask timeout when none is given (<c>dynamo.actor.ask-timeout</c>).</summary>
    public TimeSpan DefaultAskTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How many dead letters are logged before going quiet (<c>dynamo.actor.log-dead-letters</c>); they are always published.</summary>
    public int LogDeadLetters { get; init; } = 10;

    /// <summary>Lowest level published by loggers (<c>dynamo.actor.loglevel</c>).</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Info;

    /// <summary>Whether log events are printed to standard output (<c>dynamo.actor.stdout-logger</c>).</summary>
    public bool StdoutLogger { get; init; } = true;

    /// <summary>Lowest level printed by the standard output logger (<c>dynamo.actor.stdout-loglevel</c>).</summary>
    public LogLevel StdoutLogLevel { get; init; } = LogLevel.Warning;

    /// <summary>Log every unhandled message at Debug level (<c>dynamo.actor.debug.unhandled</c>); they are always published.</summary>
    public bool DebugUnhandled { get; init; }

    /// <summary>Log actor starts, restarts and stops at Debug level (<c>dynamo.actor.debug.lifecycle</c>).</summary>
    public bool DebugLifecycle { get; init; }

    /// <summary>How the /user guardian treats failing top-level actors; default restarts them.</summary>
    public SupervisorStrategy? GuardianSupervisorStrategy { get; init; }

    /// <summary>The clock; default <see cref="SystemClock"/>.</summary>
    public ITimeProvider? Clock { get; init; }

    /// <summary>The scheduler; default a <see cref="DedicatedThreadScheduler"/> on <see cref="Clock"/>, owned and stopped by the system.</summary>
    public IScheduler? Scheduler { get; init; }

    /// <summary>The random source; default <see cref="SystemRandomSource"/>.</summary>
    public IRandomSource? Random { get; init; }

    /// <summary>The default dispatcher; default a <see cref="ThreadPoolDispatcher"/> with <see cref="Throughput"/>.</summary>
    public IDispatcher? Dispatcher { get; init; }

    /// <summary>Builds the provider; remoting plugs in here to give the system a network address. Default: local only.</summary>
    public Func<ActorSystem, IActorRefProvider>? ProviderFactory { get; init; }

    /// <summary>
    /// Settings for a fully deterministic system: virtual clock and scheduler, a dispatcher that runs only when
    /// asked, and randomness from <paramref name="seed"/>. Drive it with <see cref="DeterministicDispatcher.RunUntilIdle"/>
    /// and <see cref="VirtualTimeScheduler.Advance"/>. With <paramref name="interleaveRuns"/> the dispatcher also
    /// draws the order of ready mailboxes from the seed, to explore different interleavings per seed.
    /// </summary>
    public static ActorSystemSettings Deterministic(int seed, int throughput = 30, bool interleaveRuns = false)
    {
        var clock = new VirtualClock();
        return new ActorSystemSettings
        {
            Throughput = throughput,
            Clock = clock,
            Scheduler = new VirtualTimeScheduler(clock),
            Random = new SeededRandomSource(seed),
            // A separate stream, so that the interleaving does not shift the values actors draw.
            Dispatcher = new DeterministicDispatcher(throughput, interleaveRuns ? new SeededRandomSource(unchecked(seed * 31 + 17)) : null),
        };
    }

    /// <summary>Checks the values, naming the offending setting.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (Throughput < 1) throw new ArgumentException($"Throughput must be at least 1 (was {Throughput}).", nameof(Throughput));
        if (DefaultAskTimeout <= TimeSpan.Zero) throw new ArgumentException($"DefaultAskTimeout must be positive (was {DefaultAskTimeout}).", nameof(DefaultAskTimeout));
        if (LogDeadLetters < 0) throw new ArgumentException($"LogDeadLetters must not be negative (was {LogDeadLetters}).", nameof(LogDeadLetters));
        if (Scheduler is not null && Clock is not null && !ReferenceEquals(Scheduler.Clock, Clock))
            throw new ArgumentException("Scheduler and Clock disagree: the scheduler must run on the system's clock.", nameof(Scheduler));
    }
}
