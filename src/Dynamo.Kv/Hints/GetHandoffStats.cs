namespace Dynamo.Kv.Hints;

/// <summary>Asks a node's router or its <see cref="HintedHandoff"/> for its <see cref="HandoffStats"/>.</summary>
public sealed record GetHandoffStats
{
    /// <summary>The one instance.</summary>
    public static GetHandoffStats Instance { get; } = new();
}
