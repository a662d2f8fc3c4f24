using Dynamo.Actors.Internal;

namespace Dynamo.Actors;

/// <summary>Request/reply on top of Tell.</summary>
public static class Futures
{
    /// <summary>
    /// Sends <paramref name="message"/> with a temporary reply address and returns the first reply. The task fails
    /// with <see cref="AskTimeoutException"/> after <paramref name="timeout"/> (default: the system's DefaultAskTimeout),
    /// with the carried exception if the reply is <see cref="Status.Failure"/>, and with <see cref="InvalidCastException"/>
    /// if the reply is not a <typeparamref name="T"/>.
    /// </summary>
    public static Task<T> Ask<T>(this ICanTell target, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        var system = target switch
        {
            IInternalActorRef r => r.System,
            ActorSelection s => s.System,
            _ => null,
        } ?? throw new ArgumentException($"Cannot ask {target}: it belongs to no actor system.", nameof(target));
        var limit = timeout ?? system.Settings.DefaultAskTimeout;
        if (limit <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "An Ask timeout must be positive.");
        var promise = new PromiseActorRef<T>(system, target, limit);
        promise.Start(cancellationToken);
        target.Tell(message, promise);
        return promise.Task;
    }

    /// <summary>Ask for a reply of any type.</summary>
    public static Task<object> Ask(this ICanTell target, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Ask<object>(target, message, timeout, cancellationToken);
}
