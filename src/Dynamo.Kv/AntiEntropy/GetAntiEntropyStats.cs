namespace Dynamo.Kv.AntiEntropy;

/// <summary>Asks a node's router or its <see cref="AntiEntropyExchange"/> for its <see cref="AntiEntropyStats"/>.</summary>
public sealed record GetAntiEntropyStats
{
    /// <summary>The one instance.</summary>
    public static GetAntiEntropyStats Instance { get; } = new();
}
