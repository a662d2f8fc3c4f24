namespace Dynamo.Actors.Cluster;

/// <summary>Decides from heartbeats whether a monitored resource is still alive. Times are milliseconds of the caller's monotonic clock.</summary>
public interface IFailureDetector
{
    /// <summary>True once at least one heartbeat has arrived.</summary>
    bool IsMonitoring { get; }

    /// <summary>Records a heartbeat that arrived at <paramref name="nowMillis"/>.</summary>
    void Heartbeat(long nowMillis);

    /// <summary>True when the resource is considered alive at <paramref name="nowMillis"/> (always true before the first heartbeat).</summary>
    bool IsAvailable(long nowMillis);
}
