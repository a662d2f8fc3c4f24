namespace Dynamo.Testing;

/// <summary>How a recorded write ended, as the client saw it.</summary>
public enum WriteOutcome
{
    /// <summary>Issued, no answer recorded yet; the checker treats it as <see cref="Unknown"/>.</summary>
    Pending,

    /// <summary>The store acknowledged it (W replicas stored it) and returned a context.</summary>
    Acknowledged,

    /// <summary>It failed before anything was stored (refused, connection refused, quorum impossible from the start).</summary>
    NotWritten,

    /// <summary>It failed after a replica may have stored it (quorum missed, timeout, connection lost mid-request).</summary>
    Unknown,
}
