using System.Collections.Concurrent;
using Dynamo.Actors.Dispatch;
using Dynamo.Actors.Event;
using Dynamo.Actors.Internal;
using Dynamo.Actors.Scheduling;
using Dynamo.Actors.Util;

namespace Dynamo.Actors;

/// <summary>
/// A hierarchy of actors sharing a dispatcher, scheduler, event stream and configuration. Create top-level actors
/// with <see cref="ActorOf"/>; stop everything with <see cref="Terminate"/>. Partial so that the configuration
/// layer can add its <c>Create(name, Config)</c> overload beside this file.
/// </summary>
public sealed partial class ActorSystem : IActorRefFactory, IDisposable
{
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<Type, Lazy<IExtension>> _extensions = new();
    private readonly DedicatedThreadScheduler? _ownedScheduler;

    private ActorSystem(string name, ActorSystemSettings settings)
    {
        Name = name;
        Settings = settings;
        Clock = settings.Clock ?? settings.Scheduler?.Clock ?? SystemClock.Instance;
        Random = settings.Random ?? SystemRandomSource.Instance;
        Dispatcher = settings.Dispatcher ?? new ThreadPoolDispatcher(settings.Throughput);
        EventStream = new EventStream();
        Log = new BusLogging(EventStream, $"ActorSystem({name})", typeof(ActorSystem), settings.LogLevel, Clock);
        if (settings.Scheduler is { } scheduler) Scheduler = scheduler;
        else Scheduler = _ownedScheduler = new DedicatedThreadScheduler(Clock, e => Log.Error(e, "Scheduled work threw: {0}", e.Message));
        Provider = settings.ProviderFactory?.Invoke(this) ?? new LocalActorRefProvider(this);
        if (settings.StdoutLogger) EventStream.Subscribe(new StandardOutLogger(Provider.Address, settings.StdoutLogLevel), typeof(LogEvent));
        Provider.Init();
    }

    /// <summary>Creates and starts a system.</summary>
    /// <param name="name">Letters, digits, '-' and '_', starting with a letter or digit; it is part of every actor path.</param>
    /// <param name="settings">Configuration; <see cref="ActorSystemSettings.Default"/> if null.</param>
    /// <exception cref="ArgumentException">The name or a setting is invalid.</exception>
    public static ActorSystem Create(string name, ActorSystemSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || !char.IsAsciiLetterOrDigit(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException($"Actor system name '{name}' is invalid: use ASCII letters, digits, '-' and '_', starting with a letter or digit.", nameof(name));
        settings ??= ActorSystemSettings.Default;
        settings.Validate();
        return new ActorSystem(name, settings);
    }

    /// <summary>The system's name, part of its <see cref="Address"/>.</summary>
    public string Name { get; }

    /// <summary>The configuration it was created with.</summary>
    public ActorSystemSettings Settings { get; }

    /// <summary>Where this system lives; network-reachable when a remote provider supplied it.</summary>
    public Address Address => Provider.Address;

    /// <summary>Creates guardians and resolves paths; the seam for remoting.</summary>
    public IActorRefProvider Provider { get; }

    /// <summary>The clock every time-dependent part of the runtime reads.</summary>
    public ITimeProvider Clock { get; }

    /// <summary>Timers and delayed messages.</summary>
    public IScheduler Scheduler { get; }

    /// <summary>Randomness (seeded in deterministic runs).</summary>
    public IRandomSource Random { get; }

    /// <summary>The default dispatcher.</summary>
    public IDispatcher Dispatcher { get; }

    /// <summary>The publish/subscribe bus for dead letters, unhandled messages and logs.</summary>
    public EventStream EventStream { get; }

    /// <summary>The system's own logger.</summary>
    public ILoggingAdapter Log { get; }

    /// <summary>Where undeliverable messages go.</summary>
    public IActorRef DeadLetters => Provider.DeadLetters;

    /// <summary>Completes once every actor has stopped.</summary>
    public Task WhenTerminated => _terminated.Task;

    /// <summary>Creates a top-level actor under <c>/user</c>.</summary>
    /// <exception cref="InvalidActorNameException">The name is illegal or taken.</exception>
    public IActorRef ActorOf(Props props, string? name = null) => ((LocalActorRef)Provider.Guardian).Cell.ActorOf(props, name);

    /// <summary>Creates a runtime actor under <c>/system</c> (for extensions such as remoting or cluster).</summary>
    public IActorRef SystemActorOf(Props props, string? name = null) => ((LocalActorRef)Provider.SystemGuardian).Cell.ActorOf(props, name);

    /// <inheritdoc />
    public ActorSelection ActorSelection(string path) => Actors.ActorSelection.Create(null, this, path);

    /// <inheritdoc />
    public ActorSelection ActorSelection(ActorPath path) => Actors.ActorSelection.Create(null, this, path.ToString());

    /// <summary>Stops <paramref name="actor"/> after the message it is processing; its children stop first.</summary>
    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is LocalActorRef { Cell.ParentRef: LocalActorRef parent }) parent.Cell.ChildrenContainer.MarkStopping(actor);
        if (actor is IInternalActorRef target) target.Stop();
    }

    /// <summary>Stops all actors (user actors first, top-down; PostStop runs for each) and then the scheduler.</summary>
    public Task Terminate()
    {
        if (!WhenTerminated.IsCompleted) Provider.RootGuardian.Tell(RootGuardianActor.StopSystem.Instance, null);
        return WhenTerminated;
    }

    internal void OnRootTerminated()
    {
        _ownedScheduler?.Dispose();
        _terminated.TrySetResult();
    }

    /// <summary>The system's instance of an extension, creating it through <paramref name="id"/> on first use.</summary>
    public T RegisterExtension<T>(IExtensionId<T> id) where T : class, IExtension
    {
        ArgumentNullException.ThrowIfNull(id);
        return (T)_extensions.GetOrAdd(typeof(T), _ => new Lazy<IExtension>(() => id.CreateExtension(this))).Value;
    }

    /// <summary>The registered extension of type <typeparamref name="T"/>, or null.</summary>
    public T? GetExtension<T>() where T : class, IExtension =>
        _extensions.TryGetValue(typeof(T), out var lazy) ? (T)lazy.Value : null;

    /// <summary>True when an extension of type <typeparamref name="T"/> is registered.</summary>
    public bool HasExtension<T>() where T : class, IExtension => _extensions.ContainsKey(typeof(T));

    /// <summary>Terminates the system and waits (bounded) for it; a deterministic dispatcher is run until idle instead.</summary>
    public void Dispose()
    {
        var done = Terminate();
        if (Dispatcher is DeterministicDispatcher deterministic)
        {
            deterministic.RunUntilIdle();
            return;
        }
        done.Wait(TimeSpan.FromSeconds(10));
    }

    /// <inheritdoc />
    public override string ToString() => Address.ToString();
}
