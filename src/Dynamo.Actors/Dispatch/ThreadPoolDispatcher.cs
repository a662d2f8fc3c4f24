namespace Dynamo.Actors.Dispatch;

/// <summary>Runs mailboxes on the .NET thread pool without allocating per run (the mailbox is the work item).</summary>
public sealed class ThreadPoolDispatcher : IDispatcher
{
    /// <summary>Creates a dispatcher processing up to <paramref name="throughput"/> messages per mailbox run.</summary>
    /// <param name="throughput">Messages per run; more means better throughput, less means fairer latency.</param>
    /// <param name="preferLocal">Queue to the current worker's local queue: keeps ping-pong pairs on one core's cache.</param>
    public ThreadPoolDispatcher(int throughput = 30, bool preferLocal = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(throughput, 1);
        Throughput = throughput;
        PreferLocal = preferLocal;
    }

    /// <inheritdoc />
    public int Throughput { get; }

    /// <summary>Whether runs are queued to the scheduling thread's local queue.</summary>
    public bool PreferLocal { get; }

    /// <inheritdoc />
    public void Schedule(IThreadPoolWorkItem work) => ThreadPool.UnsafeQueueUserWorkItem(work, PreferLocal);
}
