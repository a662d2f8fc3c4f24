namespace Dynamo.Actors.Scheduling;

/// <summary>A thread-safe cancellation flag.</summary>
public class Cancelable : ICancelable
{
    private int _cancelled;

    /// <inheritdoc />
    public bool IsCancellationRequested => Volatile.Read(ref _cancelled) != 0;

    /// <inheritdoc />
    public void Cancel()
    {
        if (Interlocked.Exchange(ref _cancelled, 1) == 0) OnCancel();
    }

    /// <summary>Runs once, on the first <see cref="Cancel"/>.</summary>
    protected virtual void OnCancel() { }
}
