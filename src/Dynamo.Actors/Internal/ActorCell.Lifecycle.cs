using Dynamo.Actors.Dispatch.SysMsg;
using Dynamo.Actors.Event;
using Dynamo.Actors.Supervision;

namespace Dynamo.Actors.Internal;

/// <summary>Lifecycle and supervision: creation, failure, restart, resume and termination.</summary>
internal sealed partial class ActorCell
{
    public void ProcessSystemMessages()
    {
        while (Mailbox.TryDequeueSystem(out var message))
        {
            try
            {
                HandleSystemMessage(message);
            }
            catch (Exception e)
            {
                HandleInvokeFailure(e);
            }
        }
    }

    private void HandleSystemMessage(ISystemMessage message)
    {
        if (_terminated)
        {
            // A stopped actor still answers watchers, so that watching the dead yields Terminated at once.
            if (message is Watch late && late.Watchee.Equals(Self)) AddWatcher(late.Watcher);
            return;
        }
        switch (message)
        {
            case Create:
                CreateInstance();
                break;
            case Recreate recreate:
                FaultRecreate(recreate.Cause);
                break;
            case Suspend:
                _suspendCount++;
                foreach (var child in _children.All()) child.SendSystemMessage(Suspend.Instance);
                break;
            case Resume resume:
                FaultResume(resume.CausedByFailure);
                break;
            case Dispatch.SysMsg.Terminate:
                Terminate();
                break;
            case Watch watch:
                if (watch.Watchee.Equals(Self)) AddWatcher(watch.Watcher);
                break;
            case Unwatch unwatch:
                if (unwatch.Watchee.Equals(Self)) _watchedBy?.Remove(unwatch.Watcher);
                break;
            case DeathWatchNotification notice:
                WatchedActorTerminated(notice);
                break;
            case Failed failed:
                HandleFailed(failed);
                break;
            case AsyncHandlerCompleted completed:
                AsyncCompleted(completed.Task);
                break;
            case ActorTaskContinuation continuation:
                RunContinuation(continuation);
                break;
        }
    }

    private void CreateInstance()
    {
        try
        {
            NewActor();
            _actor!.InvokePreStart();
            LogLifecycle("started");
        }
        catch (Exception e)
        {
            HandleInvokeFailure(new ActorInitializationException(Self, $"{Props.ActorType.Name} at {Self.Path} failed to start: {e.Message}", e));
        }
    }

    /// <summary>
    /// The actor threw: suspend it and its children and ask the parent what to do. A second failure before the
    /// parent has answered is only logged, as the pending decision covers it. <paramref name="perpetrator"/> is the
    /// child whose failure is being escalated: it is already suspended, and it is the one resumed with the cause.
    /// </summary>
    private void HandleInvokeFailure(Exception cause, IActorRef? perpetrator = null)
    {
        if (_terminating || _terminated)
        {
            LogError(cause, $"{Self.Path} failed while stopping: {cause.Message}");
            return;
        }
        if (_isFailed)
        {
            LogError(cause, $"{Self.Path} failed again while its supervisor decides on an earlier failure: {cause.Message}");
            return;
        }
        _isFailed = true;
        _perpetrator = perpetrator;
        _failedMessage = _current.Message;
        _suspendCount++;
        foreach (var child in _children.All())
            if (!child.Equals(perpetrator)) child.SendSystemMessage(Suspend.Instance);
        if (_parent is null)
        {
            // The root has no supervisor; the system must keep running, so log and carry on.
            LogError(cause, $"The root guardian failed: {cause.Message}");
            FaultResume(cause);
            return;
        }
        _parent.SendSystemMessage(new Failed(Self, cause, Self.Path.Uid));
    }

    private void FaultResume(Exception? causedByFailure)
    {
        if (_suspendCount > 0) _suspendCount--;
        var perpetrator = _perpetrator;
        if (causedByFailure is not null)
        {
            _isFailed = false;
            _failedMessage = null;
            _perpetrator = null;
        }
        foreach (var child in _children.All())
            child.SendSystemMessage(new Resume(causedByFailure is not null && child.Equals(perpetrator) ? causedByFailure : null));
    }

    private void FaultRecreate(Exception cause)
    {
        if (_terminating) return;
        var failed = _actor;
        if (failed is null)
        {
            // It never got an instance (its constructor threw): restarting means creating.
            FinishRecreate(cause);
            return;
        }
        _timers?.CancelAll();
        CancelReceiveTimeout();
        if (_stash is { Count: > 0 }) Prepend(_stash.ClearStash());
        try
        {
            failed.InvokePreRestart(cause, _failedMessage);
        }
        catch (Exception e)
        {
            LogError(e, $"PreRestart of {Self.Path} threw: {e.Message}");
        }
        _actor = null;
        _behavior = null;
        _awaitingAsync = false;
        // Children stopped by PreRestart must be gone before the new instance may reuse their names.
        if (_children.AnyStopping) _pendingRecreate = cause;
        else FinishRecreate(cause);
    }

    private void FinishRecreate(Exception cause)
    {
        // Every Recreate follows exactly one suspension (our own failure, or the supervisor's Suspend for a
        // sibling restarted by AllForOne), which it lifts.
        _pendingRecreate = null;
        _isFailed = false;
        _failedMessage = null;
        _perpetrator = null;
        if (_suspendCount > 0) _suspendCount--;
        var survivors = _children.Live();
        try
        {
            NewActor();
            _actor!.InvokePostRestart(cause);
            LogLifecycle($"restarted after {cause.GetType().Name}: {cause.Message}");
        }
        catch (Exception e)
        {
            HandleInvokeFailure(new ActorInitializationException(Self, $"{Props.ActorType.Name} at {Self.Path} failed to restart: {e.Message}", e));
            return;
        }
        // Children kept by an overridden PreRestart were suspended with us; they restart with us.
        foreach (var child in survivors) child.SendSystemMessage(new Recreate(cause));
    }

    private void HandleFailed(Failed failed)
    {
        var stats = _children.StatsOf(failed.Child);
        if (stats is null || _terminating) return; // already stopping or gone: nothing to decide
        var strategy = _strategy ??= Props.SupervisorStrategy ?? _actor?.InvokeSupervisorStrategy() ?? SupervisorStrategy.DefaultStrategy;
        Directive directive;
        try
        {
            directive = strategy.Decider(failed.Cause);
        }
        catch (Exception e)
        {
            LogError(e, $"The supervisor strategy of {Self.Path} threw; escalating.");
            directive = Directive.Escalate;
        }
        if (strategy.LoggingEnabled && directive != Directive.Escalate)
            LogError(failed.Cause, $"{failed.Child.Path} failed ({failed.Cause.GetType().Name}: {failed.Cause.Message}); {directive}.");
        switch (directive)
        {
            case Directive.Resume:
                ((IInternalActorRef)failed.Child).SendSystemMessage(new Resume(failed.Cause));
                break;
            case Directive.Restart:
                strategy.ProcessFailure(this, true, stats, failed.Cause, _children.LiveStats());
                break;
            case Directive.Stop:
                strategy.ProcessFailure(this, false, stats, failed.Cause, _children.LiveStats());
                break;
            default:
                HandleInvokeFailure(failed.Cause, failed.Child);
                break;
        }
    }

    private void Terminate()
    {
        if (_terminating) return;
        _terminating = true;
        _timers?.CancelAll();
        CancelReceiveTimeout();
        if (_watching is not null)
        {
            foreach (var watched in _watching) ((IInternalActorRef)watched).SendSystemMessage(new Unwatch(watched, Self));
            _watching = null;
        }
        _terminatedQueued = null;
        var children = _children.CloseAndStopAll();
        foreach (var child in children) child.Stop();
        if (children.Count == 0) FinishTerminate();
    }

    private void FinishTerminate()
    {
        try
        {
            _actor?.InvokePostStop();
        }
        catch (Exception e)
        {
            LogError(e, $"PostStop of {Self.Path} threw: {e.Message}");
        }
        if (_stash is { Count: > 0 })
            foreach (var envelope in _stash.ClearStash()) SendToDeadLetters(envelope);
        _actor = null;
        _behavior = null;
        _behaviors.Clear();
        _terminated = true;
        LogLifecycle("stopped");
        var parent = _parent;
        parent?.SendSystemMessage(new DeathWatchNotification(Self, true, false));
        if (_watchedBy is not null)
        {
            foreach (var watcher in _watchedBy)
                if (!watcher.Equals(parent)) ((IInternalActorRef)watcher).SendSystemMessage(new DeathWatchNotification(Self, true, false));
            _watchedBy = null;
        }
        System.EventStream.Unsubscribe(Self);
        if (parent is null) System.OnRootTerminated();
    }

    private void CancelReceiveTimeout()
    {
        _receiveTimeout = null;
        _receiveTimeoutTask?.Cancel();
        _receiveTimeoutTask = null;
        _receiveTimeoutGeneration++;
    }
}
