namespace Dynamo.Actors.Cluster;

/// <summary>What one observer thinks of one subject. Values are part of the binary gossip format.</summary>
public enum ReachabilityStatus : byte
{
    /// <summary>The observer hears the subject's heartbeats.</summary>
    Reachable = 0,

    /// <summary>The observer's failure detector has given up on the subject, for now.</summary>
    Unreachable = 1,

    /// <summary>The observer knows the subject's incarnation is gone for good (e.g. it restarted with a new uid).</summary>
    Terminated = 2,
}
