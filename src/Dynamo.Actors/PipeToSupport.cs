namespace Dynamo.Actors;

/// <summary>Turns the outcome of a task into a message, the way to use async APIs from inside an actor without awaiting.</summary>
public static class PipeToSupport
{
    /// <summary>
    /// When <paramref name="task"/> completes, tells its result (or <paramref name="success"/> of it) to
    /// <paramref name="recipient"/>; on failure tells <see cref="Status.Failure"/> (or <paramref name="failure"/> of the exception).
    /// </summary>
    public static async Task PipeTo<T>(this Task<T> task, ICanTell recipient, IActorRef? sender = null,
        Func<T, object>? success = null, Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        object message;
        try
        {
            var result = await task.ConfigureAwait(false);
            message = (success is null ? result : success(result)) ?? new Status.Success(null);
        }
        catch (Exception e)
        {
            message = failure is null ? new Status.Failure(e) : failure(e);
        }
        recipient.Tell(message, sender);
    }

    /// <summary>
    /// When <paramref name="task"/> completes, tells <see cref="Status.Success"/> (or <paramref name="success"/>()) to
    /// <paramref name="recipient"/>; on failure <see cref="Status.Failure"/> (or <paramref name="failure"/> of the exception).
    /// </summary>
    public static async Task PipeTo(this Task task, ICanTell recipient, IActorRef? sender = null,
        Func<object>? success = null, Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        object message;
        try
        {
            await task.ConfigureAwait(false);
            message = success is null ? new Status.Success(null) : success();
        }
        catch (Exception e)
        {
            message = failure is null ? new Status.Failure(e) : failure(e);
        }
        recipient.Tell(message, sender);
    }
}
