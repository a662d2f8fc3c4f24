using Dynamo.Actors.Util;

namespace Dynamo.Actors.Dispatch;

/// <summary>
/// Queues mailbox runs and executes them only when asked, on the asking thread. Runs go in the order they were
/// scheduled, or, given an interleaving source, in an order drawn from it: a simulator can then explore different
/// interleavings of actors while every seed still replays exactly. Per-actor order is kept either way.
/// </summary>
public sealed class DeterministicDispatcher : IDispatcher
{
    private readonly List<IThreadPoolWorkItem> _ready = [];
    private readonly IRandomSource? _interleaving;
    private readonly Lock _gate = new();
    private int _head;

    /// <summary>Creates a dispatcher processing up to <paramref name="throughput"/> messages per mailbox run.</summary>
    /// <param name="throughput">Messages per mailbox run.</param>
    /// <param name="interleaving">If given, picks which ready mailbox runs next; otherwise first scheduled, first run.</param>
    public DeterministicDispatcher(int throughput = 30, IRandomSource? interleaving = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(throughput, 1);
        Throughput = throughput;
        _interleaving = interleaving;
    }

    /// <inheritdoc />
    public int Throughput { get; }

    /// <summary>Mailbox runs waiting to execute.</summary>
    public int Pending
    {
        get { lock (_gate) return _ready.Count - _head; }
    }

    /// <inheritdoc />
    public void Schedule(IThreadPoolWorkItem work)
    {
        lock (_gate) _ready.Add(work);
    }

    /// <summary>Executes the next queued run, if any; returns false when idle.</summary>
    public bool RunOne()
    {
        IThreadPoolWorkItem work;
        lock (_gate)
        {
            int count = _ready.Count - _head;
            if (count == 0) return false;
            if (_interleaving is null)
            {
                work = _ready[_head];
                _ready[_head++] = null!;
                // Compact now and then so the list does not grow without bound.
                if (_head > 1024 && _head * 2 > _ready.Count)
                {
                    _ready.RemoveRange(0, _head);
                    _head = 0;
                }
            }
            else
            {
                int pick = _head + _interleaving.Next(count);
                work = _ready[pick];
                _ready[pick] = _ready[^1];
                _ready.RemoveAt(_ready.Count - 1);
            }
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
