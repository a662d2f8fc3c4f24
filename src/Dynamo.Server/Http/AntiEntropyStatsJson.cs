using System.Globalization;
using Dynamo.Server.Node;

namespace Dynamo.Server.Http;

/// <summary>
/// The <c>antiEntropy</c> section of <c>/stats</c>:
/// <c>{"exchangesCompleted": 12, "exchangesFailed": 0, "keysRepaired": 3, "hashesExchanged": 40,
/// "lastExchangeAgeSeconds": {"5": 14.2}}</c> (per local partition, seconds since an exchange of one of its
/// ranges last completed), or <c>{"error": "..."}</c> when the node did not answer in time.
/// </summary>
public static class AntiEntropyStatsJson
{
    /// <summary>Asks <paramref name="node"/> for its anti-entropy figures and renders them, ages as of <paramref name="now"/>.</summary>
    public static async Task<Dictionary<string, object>> RenderAsync(IDynamoNode node, TimeSpan timeout, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        try
        {
            var stats = await node.GetAntiEntropyStatsAsync(timeout, cancellationToken).ConfigureAwait(false);
            return new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["exchangesCompleted"] = stats.ExchangesCompleted,
                ["exchangesFailed"] = stats.ExchangesFailed,
                ["keysRepaired"] = stats.KeysRepaired,
                ["hashesExchanged"] = stats.HashesExchanged,
                ["lastExchangeAgeSeconds"] = stats.LastExchange.ToDictionary(
                    p => p.Key.ToString(CultureInfo.InvariantCulture),
                    p => Math.Round(Math.Max(0, (now - p.Value).TotalSeconds), 1),
                    StringComparer.Ordinal),
            };
        }
        catch (TimeoutException e)
        {
            // The rest of /stats is still worth showing when only these figures are late.
            return new Dictionary<string, object>(StringComparer.Ordinal) { ["error"] = e.Message };
        }
    }
}
