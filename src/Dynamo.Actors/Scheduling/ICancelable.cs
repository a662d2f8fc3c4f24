namespace Dynamo.Actors.Scheduling;

/// <summary>Something scheduled that can be called off.</summary>
public interface ICancelable
{
    /// <summary>Calls it off; idempotent. A cancelled task never runs again (one already running finishes).</summary>
    void Cancel();

    /// <summary>True once <see cref="Cancel"/> was called.</summary>
    bool IsCancellationRequested { get; }
}
