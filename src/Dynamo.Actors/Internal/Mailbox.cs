using System.Collections.Concurrent;
using Dynamo.Actors.Dispatch;
using Dynamo.Actors.Dispatch.SysMsg;

namespace Dynamo.Actors.Internal;

/// <summary>
/// An actor's two queues and the right to run it. Senders enqueue lock-free and try to flip the status word from
/// idle to scheduled; only the winner hands the mailbox to the dispatcher, so at most one run (and thus one
/// message) is in progress per actor. The mailbox is its own thread-pool work item: scheduling allocates nothing.
/// </summary>
internal sealed class Mailbox : IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Scheduled = 1;

    private readonly ConcurrentQueue<Envelope> _user = new();
    private readonly SystemMessageQueue _system = new();
    private readonly ActorCell _cell;
    private readonly IDispatcher _dispatcher;
    private readonly int _throughput;
    private int _status;

    public Mailbox(ActorCell cell, IDispatcher dispatcher)
    {
        _cell = cell;
        _dispatcher = dispatcher;
        _throughput = dispatcher.Throughput;
    }

    public bool HasSystemMessages => !_system.IsEmpty;

    public void Post(in Envelope envelope)
    {
        _user.Enqueue(envelope);
        TrySchedule();
    }

    public void PostSystem(ISystemMessage message)
    {
        _system.Enqueue(message);
        TrySchedule();
    }

    public bool TryDequeueSystem(out ISystemMessage message) => _system.TryDequeue(out message);

    public bool TryDequeueUser(out Envelope envelope) => _user.TryDequeue(out envelope);

    private void TrySchedule()
    {
        if (Volatile.Read(ref _status) == Idle && Interlocked.CompareExchange(ref _status, Scheduled, Idle) == Idle)
            _dispatcher.Schedule(this);
    }

    /// <summary>One run: system messages first, then up to the dispatcher's throughput of user messages.</summary>
    public void Execute()
    {
        var previous = ActorCell.Current;
        ActorCell.Current = _cell;
        bool userRunnable = false;
        try
        {
            _cell.ProcessSystemMessages();
            for (int left = _throughput; left > 0 && _cell.CanProcessUserMessages; left--)
            {
                if (!_cell.TryTakeUnstashed(out var envelope) && !_user.TryDequeue(out envelope)) break;
                _cell.Invoke(envelope);
                if (!_system.IsEmpty) _cell.ProcessSystemMessages();
            }
            if (_cell.IsTerminated) _cell.DrainToDeadLetters(this);
            userRunnable = _cell.CanProcessUserMessages || _cell.IsTerminated;
        }
        catch (Exception e)
        {
            // Invoke contains actor failures; reaching here is a runtime bug, which must not kill a pool thread.
            _cell.LogRuntimeError(e);
        }
        finally
        {
            ActorCell.Current = previous;
            // Full fence: a sender that enqueued after our last look will either see Idle and schedule, or we see its message.
            Interlocked.Exchange(ref _status, Idle);
            if (!_system.IsEmpty || (userRunnable && (!_user.IsEmpty || _cell.HasUnstashed))) TrySchedule();
        }
    }
}
