namespace Dynamo.Storage.GroupCommit;

/// <summary>
/// A write waiting for the writer loop. The writer claims it before executing it; a caller's
/// cancellation wins only while it is unclaimed, so a cancelled task always means "not written"
/// and a claimed request always reports its real outcome.
/// </summary>
internal abstract class WriteRequest
{
    private const int Queued = 0;
    private const int Claimed = 1;
    private const int Cancelled = 2;

    // Continuations run asynchronously so that callers never run on the writer thread and a
    // caller on a single-threaded context cannot stall the commit of everybody else.
    private readonly TaskCompletionSource<long> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration registration;
    private int state;

    /// <summary>Completes with the request's result once its transaction committed.</summary>
    public Task<long> Completion => completion.Task;

    /// <summary>Roughly how many bytes the request writes, for the per-commit byte limit.</summary>
    public abstract long Size { get; }

    public void CancelWith(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
            registration = cancellationToken.UnsafeRegister(static (s, token) => ((WriteRequest)s!).TryCancel(token), this);
    }

    public bool TryClaim() => Interlocked.CompareExchange(ref state, Claimed, Queued) == Queued;

    public void Succeed(long result)
    {
        registration.Dispose();
        completion.TrySetResult(result);
    }

    public void Fail(Exception exception)
    {
        registration.Dispose();
        completion.TrySetException(exception);
    }

    /// <summary>Fails a request that never reached the writer (the store closed first).</summary>
    public void Abandon(Exception exception)
    {
        if (Interlocked.CompareExchange(ref state, Claimed, Queued) == Queued)
            Fail(exception);
    }

    private void TryCancel(CancellationToken token)
    {
        if (Interlocked.CompareExchange(ref state, Cancelled, Queued) == Queued)
            completion.TrySetCanceled(token);
    }
}
