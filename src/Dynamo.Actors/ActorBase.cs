using Dynamo.Actors.Event;
using Dynamo.Actors.Internal;

namespace Dynamo.Actors;

/// <summary>
/// The base of every actor. Instances are created by the runtime from <see cref="Props"/>, never with <c>new</c>
/// directly, and process one message at a time.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;

    /// <summary>Binds the instance to the cell that is creating it.</summary>
    /// <exception cref="ActorInitializationException">The actor was constructed with <c>new</c> outside ActorOf.</exception>
    protected ActorBase()
    {
        _cell = ActorCell.Current is { IsCreatingInstance: true } cell
            ? cell
            : throw new ActorInitializationException(null, $"{GetType().Name} must be created through ActorOf(Props), not with 'new'.");
    }

    /// <summary>The actor's context: self, sender, children, watch, become.</summary>
    protected IActorContext Context => _cell;

    /// <summary>The actor's own reference.</summary>
    protected IActorRef Self => _cell.Self;

    /// <summary>The sender of the current message (dead letters when none).</summary>
    protected IActorRef Sender => _cell.Sender;

    /// <summary>The initial behaviour; return false for messages it does not handle.</summary>
    protected abstract bool Receive(object message);

    /// <summary>Runs after construction, before the first message.</summary>
    protected virtual void PreStart() { }

    /// <summary>Runs after the actor stopped (its children have already stopped).</summary>
    protected virtual void PostStop() { }

    /// <summary>Runs on the failed instance before a restart. By default stops all children and calls <see cref="PostStop"/>.</summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children)
        {
            Context.Unwatch(child);
            Context.Stop(child);
        }
        PostStop();
    }

    /// <summary>Runs on the fresh instance after a restart. By default calls <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>The strategy applied to this actor's failing children; the default restarts them.</summary>
    protected virtual Supervision.SupervisorStrategy SupervisorStrategy() => Supervision.SupervisorStrategy.DefaultStrategy;

    /// <summary>
    /// Called for messages no behaviour handled: an unhandled <see cref="Terminated"/> throws
    /// <see cref="DeathPactException"/>; anything else is published as <see cref="UnhandledMessage"/>.
    /// </summary>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated t)
            throw new DeathPactException($"{Self.Path} did not handle Terminated for the watched actor {t.ActorRef.Path}.");
        _cell.System.EventStream.Publish(new UnhandledMessage(message, Sender, Self));
        if (_cell.System.Settings.DebugUnhandled) _cell.LogDebug($"Unhandled message {message.GetType().Name} from {Sender.Path}: {message}");
    }

    /// <summary>Replaces the current behaviour.</summary>
    protected void Become(Receive receive) => Context.Become(receive);

    /// <summary>Pushes a behaviour on top of the current one.</summary>
    protected void BecomeStacked(Receive receive) => Context.BecomeStacked(receive);

    /// <summary>Returns to the previous behaviour.</summary>
    protected void UnbecomeStacked() => Context.UnbecomeStacked();

    /// <summary>Hook for base classes that finish setting up once the constructor has run.</summary>
    internal virtual void OnConstructed() { }

    // The runtime's entry points: the hooks stay protected so user actors override them as plain 'protected'.
    internal bool InvokeReceive(object message) => Receive(message);

    internal void InvokePreStart() => PreStart();

    internal void InvokePostStop() => PostStop();

    internal void InvokePreRestart(Exception reason, object? message) => PreRestart(reason, message);

    internal void InvokePostRestart(Exception reason) => PostRestart(reason);

    internal Supervision.SupervisorStrategy InvokeSupervisorStrategy() => SupervisorStrategy();

    internal void InvokeUnhandled(object message) => Unhandled(message);
}
