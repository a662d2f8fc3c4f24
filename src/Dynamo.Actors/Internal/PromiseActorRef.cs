using Dynamo.Actors.Event;
using Dynamo.Actors.Scheduling;

namespace Dynamo.Actors.Internal;

/// <summary>
/// The temporary reply address of one Ask: the first reply completes the task. It has no mailbox; it only gets a
/// /temp path (and is registered for lookups by path, e.g. replies from another system) if someone asks for it.
/// </summary>
internal sealed class PromiseActorRef<T> : MinimalActorRef
{
    private static readonly Action<object?> TimeoutAction = static s => ((PromiseActorRef<T>)s!).TimedOut();

    private readonly TaskCompletionSource<T> _promise = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ActorSystem _system;
    private readonly object _target;
    private readonly TimeSpan _timeout;
    private ICancelable? _timer;
    private ActorPath? _path;
    private int _registered;

    public PromiseActorRef(ActorSystem system, object target, TimeSpan timeout)
    {
        _system = system;
        _target = target;
        _timeout = timeout;
    }

    public Task<T> Task => _promise.Task;

    public override ActorSystem System => _system;

    public override ActorPath Path
    {
        get
        {
            if (_path is not null) return _path;
            var path = _system.Provider.TempPath();
            if (Interlocked.CompareExchange(ref _path, path, null) is null)
            {
                _system.Provider.RegisterTempActor(this, path);
                Volatile.Write(ref _registered, 1);
                if (_promise.Task.IsCompleted) Unregister();
            }
            return _path;
        }
    }

    public void Start(CancellationToken cancellationToken)
    {
        _timer = _system.Scheduler.ScheduleOnce(_timeout, TimeoutAction, this);
        if (cancellationToken.CanBeCanceled)
            cancellationToken.Register(static s =>
            {
                var self = (PromiseActorRef<T>)s!;
                if (self._promise.TrySetCanceled()) self.OnCompleted();
            }, this);
    }

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        bool completed = message switch
        {
            Status.Failure failure => _promise.TrySetException(failure.Cause),
            T reply => _promise.TrySetResult(reply),
            _ => _promise.TrySetException(new InvalidCastException(
                $"Ask of {_target} expected a reply of type {typeof(T).Name} but got {message.GetType().Name}: {message}")),
        };
        if (completed) OnCompleted();
        else _system.DeadLetters.Tell(new DeadLetter(message, sender ?? _system.DeadLetters, this), sender);
    }

    private void TimedOut()
    {
        if (_promise.TrySetException(new AskTimeoutException($"Ask of {_target} timed out after {_timeout.TotalMilliseconds} ms."))) OnCompleted();
    }

    private void OnCompleted()
    {
        _timer?.Cancel();
        Unregister();
    }

    private void Unregister()
    {
        if (Interlocked.Exchange(ref _registered, 0) == 1) _system.Provider.UnregisterTempActor(_path!);
    }
}
