namespace Dynamo.Kv.VNodes;

/// <summary>Asks a node's router (<c>/user/kv</c>) for its <see cref="ObjectBufferStats"/>.</summary>
public sealed record GetObjectBufferStats
{
    /// <summary>The single instance; the message carries nothing.</summary>
    public static GetObjectBufferStats Instance { get; } = new();
}
