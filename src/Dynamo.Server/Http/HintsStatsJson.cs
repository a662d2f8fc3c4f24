using Dynamo.Server.Node;

namespace Dynamo.Server.Http;

/// <summary>
/// The <c>hints</c> section of <c>/stats</c>:
/// <c>{"stored": 5, "delivered": 3, "failedBatches": 0, "pendingTotal": 2, "pending": {"127.0.0.1:4003": 2}}</c>,
/// or <c>{"error": "..."}</c> when the node's hinted handoff did not answer in time.
/// </summary>
public static class HintsStatsJson
{
    /// <summary>Asks <paramref name="node"/> for its hint figures and renders them.</summary>
    public static async Task<Dictionary<string, object>> RenderAsync(IDynamoNode node, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        try
        {
            var stats = await node.GetHintStatsAsync(timeout, cancellationToken).ConfigureAwait(false);
            return new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["stored"] = stats.Stored,
                ["delivered"] = stats.Delivered,
                ["failedBatches"] = stats.FailedBatches,
                ["pendingTotal"] = stats.PendingTotal,
                ["pending"] = stats.Pending,
            };
        }
        catch (TimeoutException e)
        {
            // The rest of /stats is still worth showing when only the hint figures are late.
            return new Dictionary<string, object>(StringComparer.Ordinal) { ["error"] = e.Message };
        }
    }
}
