namespace Dynamo.Kv.Membership;

/// <summary>
/// Persisted by a node's <see cref="DrainRecord"/> when the node starts to drain: from then on a restart drains on
/// instead of taking its partitions back. Holds nothing: the journal it is in is the node's own.
/// </summary>
public sealed record DrainStarted
{
    /// <summary>The one value.</summary>
    public static DrainStarted Instance { get; } = new();
}

/// <summary>Persisted by a node's <see cref="DrainRecord"/> once the drained node leaves the cluster: the drain is over.</summary>
public sealed record DrainEnded
{
    /// <summary>The one value.</summary>
    public static DrainEnded Instance { get; } = new();
}

/// <summary>What a node's <see cref="DrainRecord"/> recovered: whether the node was draining when it went down.</summary>
/// <param name="Draining">True when the last event was a <see cref="DrainStarted"/>.</param>
public sealed record DrainRestored(bool Draining);
