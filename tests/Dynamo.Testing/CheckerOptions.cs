namespace Dynamo.Testing;

/// <summary>How the <see cref="Checker"/> reads the final cluster.</summary>
public sealed record CheckerOptions
{
    /// <summary>The read quorum of every final read; null uses the bucket's.</summary>
    public int? R { get; init; }

    /// <summary>
    /// Reads every key once from every node before the checked reads and waits <see cref="RepairPause"/>, so
    /// read repair brings replicas that missed writes up to date first (the first read of a key may itself
    /// answer from replicas that disagree; it repairs them once every replica answered).
    /// </summary>
    public bool RepairFirst { get; init; }

    /// <summary>How long to let read repair finish after the repairing pass.</summary>
    public TimeSpan RepairPause { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts of a failing final read before it is reported as <see cref="ViolationKind.ReadFailed"/>.</summary>
    public int Attempts { get; init; } = 3;

    /// <summary>Pause between attempts of a failing read.</summary>
    public TimeSpan RetryPause { get; init; } = TimeSpan.FromMilliseconds(500);
}
