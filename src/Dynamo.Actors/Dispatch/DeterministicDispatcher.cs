namespace Dynamo.Actors.Dispatch;

/// <summary>
/// Queues mailbox runs and executes them only when asked, on the asking thread, in the order they were scheduled.
/// With virtual time and seeded randomness this makes a whole actor system run deterministically on one thread.
/// </summary>
public sealed class DeterministicDispatcher : IDispatcher
{
    private readonly Queue<IThreadPoolWorkItem> _ready = new();
    private readonly Lock _gate = new();

    /// <summary>Creates a dispatcher processing up to <paramref name="throughput"/> messages per mailbox run.</summary>
    public DeterministicDispatcher(int throughput = 100)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(throughput, 1);
        Throughput = throughput;
    }

    /// <inheritdoc />
    public int Throughput { get; }

    /// <summary>Mailbox runs waiting to execute.</summary>
    public int Pending
    {
        get { lock (_gate) return _ready.Count; }
    }

    /// <inheritdoc />
    public void Schedule(IThreadPoolWorkItem work)
    {
        lock (_gate) _ready.Enqueue(work);
    }

    /// <summary>Executes the next queued run, if any; returns false when idle.</summary>
    public bool RunOne()
    {
        IThreadPoolWorkItem? work;
        lock (_gate)
        {
            if (!_ready.TryDequeue(out work)) return false;
        }
        work.Execute();
        return true;
    }

    /// <summary>Executes runs until none is left (work scheduled meanwhile included); returns how many ran.</summary>
    /// <exception cref="InvalidOperationException">More than <paramref name="maxRuns"/> runs: actors keep each other busy forever.</exception>
    public int RunUntilIdle(int maxRuns = 10_000_000)
    {
        int runs = 0;
        while (RunOne())
        {
            if (++runs >= maxRuns)
                throw new InvalidOperationException($"The dispatcher did not become idle after {maxRuns} mailbox runs; some actors message each other endlessly.");
        }
        return runs;
    }
}
