namespace Dynamo.Kv.Coordination;

/// <summary>Asks a node's router (<c>/user/kv</c>) for its <see cref="ReadRepairStats"/>.</summary>
public sealed record GetReadRepairStats
{
    /// <summary>The single instance; the message carries nothing.</summary>
    public static GetReadRepairStats Instance { get; } = new();
}
