namespace Dynamo.Testing;

/// <summary>How a recorded write ended, as the client saw it.</summary>
public enum WriteOutcome
{
    /// <summary>Issued, no answer recorded yet; the checker treats it as <see cref="Unknown"/>.</summary>
    Pending,

    /// <summary>The store acknowledged it (W replicas stored it) and returned a context.</summary>
    Acknowledged,

    /// <summary>The store said it stored nothing (refused, or a quorum impossible from the start).</summary>
    NotWritten,

    /// <summary>It failed after a replica may have stored it (quorum missed, timeout, any connection failure).</summary>
    Unknown,
}
