namespace Dynamo.Kv.Hints;

/// <summary>Asks a node's router or its <see cref="HintedHandoff"/> for its <see cref="HintStats"/>.</summary>
public sealed record GetHintStats
{
    /// <summary>The one instance.</summary>
    public static GetHintStats Instance { get; } = new();
}
