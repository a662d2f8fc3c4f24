using Dynamo.Actors.Internal;

namespace Dynamo.Actors;

/// <summary>
/// An actor whose behaviour is a list of typed handlers declared in its constructor with <see cref="Receive{T}(Action{T}, Predicate{T})"/>;
/// the first handler whose type (and predicate) matches a message handles it.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private HandlerSet? _building = new();
    private HandlerSet _initial = HandlerSet.Empty;

    /// <summary>Handles messages of type <typeparamref name="T"/> (for which <paramref name="shouldHandle"/> holds, if given).</summary>
    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Building().Add(message =>
        {
            if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed))) return false;
            handler(typed);
            return true;
        });
    }

    /// <summary>Handles messages of type <typeparamref name="T"/> for which <paramref name="shouldHandle"/> holds.</summary>
    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(shouldHandle);
        Receive(handler, shouldHandle);
    }

    /// <summary>
    /// Handles messages of type <typeparamref name="T"/> asynchronously: no other message is processed until the
    /// returned task completes, and code after each await runs on the actor's turn, so state needs no locks.
    /// </summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var cell = (ActorCell)Context;
        Building().Add(message =>
        {
            if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed))) return false;
            cell.RunTask(() => handler(typed));
            return true;
        });
    }

    /// <summary>Handles messages of type <typeparamref name="T"/> for which <paramref name="shouldHandle"/> holds, asynchronously.</summary>
    protected void ReceiveAsync<T>(Predicate<T> shouldHandle, Func<T, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(shouldHandle);
        ReceiveAsync(handler, shouldHandle);
    }

    /// <summary>Handles every message that the handlers declared before it did not.</summary>
    protected void ReceiveAny(Action<object> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Building().Add(message =>
        {
            handler(message);
            return true;
        });
    }

    /// <summary>Replaces the behaviour with the handlers that <paramref name="configure"/> declares.</summary>
    protected void Become(Action configure) => Become(Build(configure));

    /// <summary>Pushes the handlers that <paramref name="configure"/> declares on top of the current behaviour.</summary>
    protected void BecomeStacked(Action configure) => BecomeStacked(Build(configure));

    /// <inheritdoc />
    protected sealed override bool Receive(object message) => _initial.Handle(message);

    internal override void OnConstructed()
    {
        _initial = _building ?? HandlerSet.Empty;
        _building = null;
    }

    private Actors.Receive Build(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var outer = _building;
        var set = _building = new HandlerSet();
        try
        {
            configure();
        }
        finally
        {
            _building = outer;
        }
        return set.Handle;
    }

    private HandlerSet Building() =>
        _building ?? throw new InvalidOperationException("Receive handlers can only be declared in the constructor or inside Become(configure).");
}
