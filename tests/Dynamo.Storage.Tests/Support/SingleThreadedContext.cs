using System.Collections.Concurrent;

namespace Dynamo.Storage.Tests.Support;

/// <summary>
/// A synchronization context backed by one dedicated thread, like a UI thread or a pinned actor
/// dispatcher: work posted to it runs only on that thread.
/// </summary>
public sealed class SingleThreadedContext : SynchronizationContext
{
    private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> queue = [];

    /// <summary>Runs <paramref name="body"/> on a new single-threaded context and returns its result.</summary>
    public static Task<T> RunAsync<T>(Func<T> body)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var context = new SingleThreadedContext();
        var thread = new Thread(() =>
        {
            SetSynchronizationContext(context);
            try
            {
                result.SetResult(body());
            }
            catch (Exception e)
            {
                result.SetException(e);
            }
            context.queue.CompleteAdding();
            foreach (var (callback, state) in context.queue.GetConsumingEnumerable())
                callback(state);
        }) { IsBackground = true, Name = "single-threaded-context" };
        thread.Start();
        return result.Task;
    }

    /// <inheritdoc />
    public override void Post(SendOrPostCallback d, object? state)
    {
        try
        {
            queue.Add((d, state));
        }
        catch (InvalidOperationException)
        {
            // The thread has finished: keep the callback alive rather than dropping it.
            ThreadPool.QueueUserWorkItem(_ => d(state));
        }
    }

    /// <inheritdoc />
    public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("Send would block the only thread.");
}
