using System.Runtime.ExceptionServices;
using Dynamo.Actors.Dispatch;
using Dynamo.Actors.Dispatch.SysMsg;
using Dynamo.Actors.Event;
using Dynamo.Actors.Scheduling;
using Dynamo.Actors.Supervision;

namespace Dynamo.Actors.Internal;

/// <summary>
/// The runtime side of one actor: its instance, behaviour stack, children, watchers, supervision state and
/// lifecycle. All mutable state is touched only during the actor's own mailbox run (one thread at a time), except
/// the children container, which is locked because the guardian creates children for callers on any thread.
/// </summary>
internal sealed partial class ActorCell : IActorContext
{
    // The cell whose mailbox is running on this thread: gives implicit senders (Tell without a sender inside an
    // actor) and lets ActorBase's constructor find its cell. Ambient per-thread state is the only way to offer
    // Akka's parameterless actor constructors; it is set and restored around every mailbox run.
    [ThreadStatic] private static ActorCell? t_current;

    private readonly IInternalActorRef? _parent;
    private readonly ChildrenContainer _children = new();
    private readonly List<Receive> _behaviors = new(2);
    private ActorBase? _actor;
    private Receive? _behavior;
    private Envelope _current;
    private long _nextChildName;

    private HashSet<IActorRef>? _watching;
    private HashSet<IActorRef>? _watchedBy;
    private HashSet<IActorRef>? _terminatedQueued;

    private int _suspendCount;
    private bool _isFailed;
    private object? _failedMessage;
    private IActorRef? _perpetrator;
    private Exception? _pendingRecreate;
    private bool _terminating;
    private volatile bool _terminated;
    private bool _awaitingAsync;
    private Envelope _asyncEnvelope;
    private ActorSynchronizationContext? _syncContext;

    private LinkedList<Envelope>? _unstashed;
    private ActorStash? _stash;
    private TimerScheduler? _timers;
    private SupervisorStrategy? _strategy;
    private TimeSpan? _receiveTimeout;
    private ICancelable? _receiveTimeoutTask;
    private int _receiveTimeoutGeneration;

    public ActorCell(ActorSystem system, ActorPath path, Props props, IInternalActorRef? parent)
    {
        System = system;
        Props = props;
        _parent = parent;
        Mailbox = new Mailbox(this, props.Dispatcher ?? system.Dispatcher);
        SelfRef = new LocalActorRef(this, path);
    }

    internal static ActorCell? Current
    {
        get => t_current;
        set => t_current = value;
    }

    public ActorSystem System { get; }

    public Props Props { get; }

    public Mailbox Mailbox { get; }

    public LocalActorRef SelfRef { get; }

    public IActorRef Self => SelfRef;

    public IActorRef Sender => _current.Sender ?? System.DeadLetters;

    /// <summary>The sender as given, null for none; for forwarding without turning "none" into dead letters.</summary>
    public IActorRef? RawSender => _current.Sender;

    public IActorRef Parent => (IActorRef?)_parent ?? SelfRef;

    public IInternalActorRef? ParentRef => _parent;

    public IReadOnlyCollection<IActorRef> Children => _children.Live();

    internal ChildrenContainer ChildrenContainer => _children;

    internal bool IsCreatingInstance { get; private set; }

    internal Envelope CurrentEnvelope => _current;

    public bool IsTerminated => _terminated;

    public bool CanProcessUserMessages => _actor is not null && _suspendCount == 0 && !_terminating && !_awaitingAsync;

    public bool HasUnstashed => _unstashed is { Count: > 0 };

    public TimeSpan? ReceiveTimeout => _receiveTimeout;

    public IActorRef Child(string name) => (IActorRef?)_children.Get(name) ?? ActorRefs.Nobody;

    // ---- user messages ---------------------------------------------------------------------------------------

    public void Invoke(in Envelope envelope)
    {
        _current = envelope;
        try
        {
            var message = envelope.Message;
            if (message is IAutoReceivedMessage) AutoReceive(message);
            else if (!_behavior!(message)) _actor!.InvokeUnhandled(message);
            if (_receiveTimeout is not null && message is not INotInfluenceReceiveTimeout) RescheduleReceiveTimeout();
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
        finally
        {
            if (!_awaitingAsync) _current = default;
        }
    }

    private void AutoReceive(object message)
    {
        switch (message)
        {
            case TimerMessage timer:
                if (_timers is null || !_timers.Accept(timer)) return;
                _current = new Envelope(timer.Message, _current.Sender);
                Deliver(timer.Message);
                break;
            case ReceiveTimeoutTick tick:
                if (tick.Generation == _receiveTimeoutGeneration && _receiveTimeout is not null) Deliver(Actors.ReceiveTimeout.Instance);
                break;
            case TerminatedNotice notice:
                // Only a Terminated we have not unwatched since it was queued counts.
                if (_terminatedQueued?.Remove(notice.Terminated.ActorRef) == true) Deliver(notice.Terminated);
                break;
            case PoisonPill:
                SelfRef.Stop();
                break;
            case Kill:
                throw new ActorKilledException($"{Self.Path} was killed by a Kill message.");
            case Identify identify:
                Sender.Tell(new ActorIdentity(identify.MessageId, Self), Self);
                break;
            case ActorSelectionMessage selection:
                Actors.ActorSelection.DeliverSelection(SelfRef, selection, _current.Sender);
                break;
            default:
                Deliver(message);
                break;
        }
    }

    private void Deliver(object message)
    {
        if (!_behavior!(message)) _actor!.InvokeUnhandled(message);
    }

    internal bool TryTakeUnstashed(out Envelope envelope)
    {
        if (_unstashed is { Count: > 0 } list)
        {
            envelope = list.First!.Value;
            list.RemoveFirst();
            return true;
        }
        envelope = default;
        return false;
    }

    /// <summary>Puts messages back in front of the mailbox, keeping their order and ahead of earlier unstashed ones.</summary>
    internal void Prepend(IReadOnlyList<Envelope> envelopes)
    {
        _unstashed ??= new LinkedList<Envelope>();
        for (int i = envelopes.Count - 1; i >= 0; i--) _unstashed.AddFirst(envelopes[i]);
    }

    internal void DrainToDeadLetters(Mailbox mailbox)
    {
        while (TryTakeUnstashed(out var envelope) || mailbox.TryDequeueUser(out envelope)) SendToDeadLetters(envelope);
    }

    private void SendToDeadLetters(in Envelope envelope)
    {
        if (envelope.Message is TimerMessage or ReceiveTimeoutTick or TerminatedNotice) return; // internal plumbing, not a lost message
        System.DeadLetters.Tell(new DeadLetter(envelope.Message, envelope.Sender ?? System.DeadLetters, Self), envelope.Sender);
    }

    // ---- actor instance --------------------------------------------------------------------------------------

    private void NewActor()
    {
        _behaviors.Clear();
        _behavior = null;
        _strategy = null;
        ActorBase instance;
        IsCreatingInstance = true;
        try
        {
            instance = Props.NewActor();
        }
        finally
        {
            IsCreatingInstance = false;
        }
        if (instance is IWithStash withStash) withStash.Stash = _stash ??= new ActorStash(this);
        if (instance is IWithTimers withTimers) withTimers.Timers = _timers ??= new TimerScheduler(this);
        instance.OnConstructed();
        _behaviors.Add(instance.InvokeReceive);
        _behavior = _behaviors[0];
        _actor = instance;
    }

    public void Become(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        if (_behaviors.Count > 1) _behaviors[^1] = receive;
        else _behaviors.Add(receive);
        _behavior = receive;
    }

    public void BecomeStacked(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        _behaviors.Add(receive);
        _behavior = receive;
    }

    public void UnbecomeStacked()
    {
        if (_behaviors.Count > 1) _behaviors.RemoveAt(_behaviors.Count - 1);
        _behavior = _behaviors[^1];
    }

    // ---- children ---------------------------------------------------------------------------------------------

    public IActorRef ActorOf(Props props, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (name is null) name = ActorNames.Generated(Interlocked.Increment(ref _nextChildName));
        else ActorNames.Validate(name);
        return CreateChild(props, name);
    }

    /// <summary>Creates a child without name validation; for the runtime's own reserved names (user, system).</summary>
    internal LocalActorRef CreateChild(Props props, string name)
    {
        // Making the cell has no side effects, so it is made before the name is reserved; a refused one is just dropped.
        var child = new ActorCell(System, Self.Path.Child(name, NewUid()), props, SelfRef).SelfRef;
        _children.Add(name, Self.Path, child);
        child.Cell.Mailbox.PostSystem(Create.Instance);
        return child;
    }

    private long NewUid()
    {
        long uid;
        do uid = System.Random.NextInt64();
        while (uid == ActorPath.UndefinedUid);
        return uid;
    }

    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        _children.MarkStopping(actor);
        if (actor is IInternalActorRef target) target.Stop();
    }

    public ActorSelection ActorSelection(string path) => Actors.ActorSelection.Create(SelfRef, System, path);

    public ActorSelection ActorSelection(ActorPath path) => Actors.ActorSelection.Create(SelfRef, System, path.ToString());

    // ---- DeathWatch -----------------------------------------------------------------------------------------

    public IActorRef Watch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject.Equals(Self)) return subject;
        if (subject is not IInternalActorRef target) throw new ArgumentException($"Cannot watch {subject}: it is not a runtime actor reference.", nameof(subject));
        if ((_watching ??= []).Add(subject)) target.SendSystemMessage(new Watch(subject, Self));
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        _terminatedQueued?.Remove(subject);
        if (_watching?.Remove(subject) == true && subject is IInternalActorRef target) target.SendSystemMessage(new Unwatch(subject, Self));
        return subject;
    }

    private void AddWatcher(IActorRef watcher)
    {
        if (watcher.Equals(Self)) return;
        if (_terminated)
        {
            ((IInternalActorRef)watcher).SendSystemMessage(new DeathWatchNotification(Self, true, false));
            return;
        }
        (_watchedBy ??= []).Add(watcher);
    }

    private void WatchedActorTerminated(DeathWatchNotification notice)
    {
        var actor = notice.Actor;
        if (_watching?.Remove(actor) == true && !_terminating)
        {
            (_terminatedQueued ??= []).Add(actor);
            Mailbox.Post(new Envelope(new TerminatedNotice(new Terminated(actor, notice.ExistenceConfirmed, notice.AddressTerminated)), actor));
        }
        if (!_children.Remove(actor)) return;
        if (_terminating)
        {
            if (_children.IsEmpty) FinishTerminate();
        }
        else if (_pendingRecreate is { } cause && !_children.AnyStopping)
        {
            FinishRecreate(cause);
        }
    }

    // ---- receive timeout --------------------------------------------------------------------------------------

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        if (timeout is { } t && t <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A receive timeout must be positive (null switches it off).");
        _receiveTimeout = timeout;
        RescheduleReceiveTimeout();
    }

    private void RescheduleReceiveTimeout()
    {
        _receiveTimeoutTask?.Cancel();
        _receiveTimeoutTask = null;
        int generation = ++_receiveTimeoutGeneration;
        if (_receiveTimeout is { } t && !_terminating)
            _receiveTimeoutTask = System.Scheduler.ScheduleTellOnce(t, SelfRef, new ReceiveTimeoutTick(generation), null);
    }

    // ---- asynchronous handlers ----------------------------------------------------------------------------------

    /// <summary>Runs an async handler so that its continuations execute on this actor's turn and no other message interleaves.</summary>
    internal void RunTask(Func<Task> action)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_syncContext ??= new ActorSynchronizationContext(this));
        Task task;
        try
        {
            task = action();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
        if (task.IsCompleted)
        {
            if (task.Exception is { } error) ExceptionDispatchInfo.Capture(error.InnerException ?? error).Throw();
            if (task.IsCanceled) throw new TaskCanceledException(task);
            return;
        }
        _awaitingAsync = true;
        _asyncEnvelope = _current;
        task.ContinueWith(
            static (t, state) => ((ActorCell)state!).Mailbox.PostSystem(new AsyncHandlerCompleted(t)),
            this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void RunContinuation(ActorTaskContinuation continuation)
    {
        if (_terminated) return;
        var previousContext = SynchronizationContext.Current;
        var previousEnvelope = _current;
        _current = _asyncEnvelope;
        SynchronizationContext.SetSynchronizationContext(_syncContext);
        try
        {
            continuation.Callback(continuation.State);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previousContext);
            _current = previousEnvelope;
        }
    }

    private void AsyncCompleted(Task task)
    {
        if (!_awaitingAsync) return;
        _awaitingAsync = false;
        _current = _asyncEnvelope;
        _asyncEnvelope = default;
        try
        {
            if (task.Exception is { } error) HandleInvokeFailure(error.InnerException ?? error);
            else if (task.IsCanceled) HandleInvokeFailure(new TaskCanceledException(task));
        }
        finally
        {
            _current = default;
        }
    }

    // ---- logging ----------------------------------------------------------------------------------------------

    internal void Publish(LogEvent e) => System.EventStream.Publish(e);

    internal void LogError(Exception? cause, string message) =>
        Publish(new Error(System.Clock.Now, Self.Path.ToString(), _actor?.GetType() ?? Props.ActorType, message, cause));

    internal void LogDebug(string message)
    {
        if (System.Settings.LogLevel <= LogLevel.Debug)
            Publish(new Debug(System.Clock.Now, Self.Path.ToString(), _actor?.GetType() ?? Props.ActorType, message));
    }

    private void LogLifecycle(string what)
    {
        if (System.Settings.DebugLifecycle) LogDebug(what);
    }

    internal void LogRuntimeError(Exception e) => LogError(e, $"Runtime failure while running the mailbox of {Self.Path}.");
}
