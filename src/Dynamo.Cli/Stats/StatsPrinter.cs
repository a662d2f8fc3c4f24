using System.Globalization;
using Dynamo.Client;
using Spectre.Console;

namespace Dynamo.Cli.Stats;

/// <summary>
/// Writes one node's <c>/stats</c> for an operator: a table of HTTP requests and latency per operation, the get, put
/// and delete requests by outcome, then hints, read repairs, the object buffer, handoff and anti-entropy.
/// </summary>
public static class StatsPrinter
{
    /// <summary>Writes the stats of the node <paramref name="name"/> names.</summary>
    public static void Write(CliContext context, string name, DynamoStats stats)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(stats);
        var output = context.Out;
        output.WriteLine(stats.Node is { } node
            ? $"node {name}: id {node.NodeId}, storage {node.StoragePlugin}, {node.OwnedPartitions} partitions owned, "
                + $"up since {node.StartedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z"
            : $"node {name}: {Unavailable(stats, "node")}");
        WriteRequests(context, stats);
        output.WriteLine("coordinated: " + (stats.Coordinated is { } coordinated
            ? Coordinated(coordinated)
            : Unavailable(stats, "coordinated")));
        output.WriteLine("hints: " + (stats.Hints is { } h
            ? $"{h.PendingTotal:N0} pending{Pending(h)}, {h.Stored:N0} stored, {h.Delivered:N0} delivered, {h.FailedBatches:N0} failed batches"
            : Unavailable(stats, "hints")));
        output.WriteLine("read repair: " + (stats.ReadRepair is { } r
            ? $"{r.Total:N0} sent ({r.Stale:N0} stale, {r.Missing:N0} missing)"
            : Unavailable(stats, "readRepair")));
        output.WriteLine("object buffer: " + (stats.ObjectBuffer is { } b
            ? $"{b.BufferedAcks:N0} buffered acks, {b.DurableAcks:N0} durable acks, {b.FailedAfterAck:N0} failed after ack, {b.BufferReads:N0} reads from the buffer"
            : Unavailable(stats, "objectBuffer")));
        output.WriteLine("handoff: " + (stats.Handoff is { } o
            ? $"{o.Active:N0} active, {o.Completed:N0} completed, {o.Refused:N0} refused, {o.ObjectsSent:N0} objects sent"
            : Unavailable(stats, "handoff")));
        output.WriteLine("anti-entropy: " + (stats.AntiEntropy is { } a
            ? $"{a.ExchangesCompleted:N0} exchanges completed, {a.ExchangesFailed:N0} failed, {a.KeysRepaired:N0} keys repaired, "
                + $"{a.HashesExchanged:N0} hashes exchanged{Oldest(a)}"
            : Unavailable(stats, "antiEntropy")));
    }

    private static void WriteRequests(CliContext context, DynamoStats stats)
    {
        var operations = stats.Requests.Keys.Union(stats.Latency.Keys).Order(StringComparer.Ordinal).ToList();
        if (operations.Count == 0)
        {
            context.Out.WriteLine(stats.SectionErrors.ContainsKey("requests") ? "requests: " + Unavailable(stats, "requests") : "no requests yet");
            return;
        }
        var table = new Table().AddColumns("Operation", "Requests", "Statuses", "p50 ms", "p95 ms", "p99 ms", "max ms");
        foreach (var name in operations)
        {
            var counts = stats.Requests.TryGetValue(name, out var c) ? c : new Dictionary<string, long>();
            var latency = stats.Latency.GetValueOrDefault(name);
            table.AddRow(
                Markup.Escape(name),
                counts.Values.Sum().ToString("N0", CultureInfo.InvariantCulture),
                Markup.Escape(string.Join(" ", counts.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}"))),
                Millis(latency?.P50Ms), Millis(latency?.P95Ms), Millis(latency?.P99Ms), Millis(latency?.MaxMs));
        }
        context.Console.Write(table);
    }

    // The node's get, put and delete requests by outcome, as its /metrics counts them in dynamo_requests_total.
    private static string Coordinated(IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> coordinated) => coordinated.Count == 0
        ? "none yet"
        : string.Join("; ", coordinated.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o =>
            $"{o.Key} " + string.Join(" ", o.Value.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value:N0}"))));

    private static string Pending(DynamoHintStats hints) => hints.Pending.Count == 0
        ? ""
        : " (" + string.Join(", ", hints.Pending.Select(p => $"{p.Key}: {p.Value:N0}")) + ")";

    private static string Oldest(DynamoAntiEntropyStats stats) => stats.LastExchangeAgeSeconds.Count == 0
        ? ""
        : $", oldest last exchange {stats.LastExchangeAgeSeconds.Values.Max().ToString("0.#", CultureInfo.InvariantCulture)} s ago";

    private static string Millis(double? ms) => ms is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "-";

    private static string Unavailable(DynamoStats stats, string section) =>
        "not available: " + (stats.SectionErrors.TryGetValue(section, out var why) ? why : "no reason given");
}
