using Dynamo.Server.Node;

namespace Dynamo.Server.Http;

/// <summary>
/// The <c>objectBuffer</c> section of <c>/stats</c>:
/// <c>{"bufferedAcks": 40, "durableAcks": 20, "failedAfterAck": 0, "bufferReads": 3}</c>,
/// or <c>{"error": "..."}</c> when the node's router did not answer in time.
/// </summary>
public static class ObjectBufferStatsJson
{
    /// <summary>Asks <paramref name="node"/> for its object buffer figures and renders them.</summary>
    public static async Task<Dictionary<string, object>> RenderAsync(IDynamoNode node, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        try
        {
            var stats = await node.GetObjectBufferStatsAsync(timeout, cancellationToken).ConfigureAwait(false);
            return new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["bufferedAcks"] = stats.BufferedAcks,
                ["durableAcks"] = stats.DurableAcks,
                ["failedAfterAck"] = stats.FailedAfterAck,
                ["bufferReads"] = stats.BufferReads,
            };
        }
        catch (TimeoutException e)
        {
            // The rest of /stats is still worth showing when only these figures are late.
            return new Dictionary<string, object>(StringComparer.Ordinal) { ["error"] = e.Message };
        }
    }
}
