namespace Dynamo.Storage;

/// <summary>Settings of the embedded SQLite plugin (<c>dynamo.persistence.sqlite</c>).</summary>
public sealed record SqliteSettings
{
    /// <summary>The node's data directory; created when missing. The database file lives in it.</summary>
    public string DataDirectory { get; init; } = "data";

    /// <summary>The database file name inside <see cref="DataDirectory"/>.</summary>
    public string FileName { get; init; } = "dynamo.db";

    /// <summary>How commits are synced to disk; <see cref="SynchronousMode.Full"/> unless configured otherwise.</summary>
    public SynchronousMode Synchronous { get; init; } = SynchronousMode.Full;

    /// <summary>How long a statement waits for a lock held by another connection before failing.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Pages in the write-ahead log that trigger an automatic checkpoint.</summary>
    public int WalAutoCheckpointPages { get; init; } = 1000;
}
