using System.Diagnostics;

namespace Dynamo.Cli.Bench;

/// <summary>
/// Samples what every node (its <c>GET /metrics</c>) and this process have spent, so that two samples around the
/// measured run give each one's cost per operation. A node that does not answer is left out, not an error: the
/// throughput figures stand without it.
/// </summary>
public sealed class CostProbe
{
    private static readonly TimeSpan ScrapeTimeout = TimeSpan.FromSeconds(5);

    private readonly HttpClient _http;
    private readonly IReadOnlyList<Uri> _nodes;

    /// <summary>A probe of <paramref name="nodes"/> over <paramref name="http"/>.</summary>
    public CostProbe(HttpClient http, IReadOnlyList<Uri> nodes)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(nodes);
        _http = http;
        _nodes = nodes;
    }

    /// <summary>Every process's counters at one moment: the nodes' in the order given (null for one that did not answer), then this process's.</summary>
    public sealed record Sample(IReadOnlyList<ProcessCost?> Nodes, ProcessCost Client, long Timestamp);

    /// <summary>Takes a sample of every node at once, and of this process.</summary>
    public async Task<Sample> SampleAsync(CancellationToken ct)
    {
        var nodes = await Task.WhenAll(_nodes.Select(node => ScrapeAsync(node, ct))).ConfigureAwait(false);
        return new Sample(nodes, ProcessCost.OfThisProcess(), Stopwatch.GetTimestamp());
    }

    /// <summary>Each process's cost per operation between two samples, over <paramref name="operations"/> operations; nodes first, then the client.</summary>
    public IReadOnlyList<CostPerOperation> PerOperation(Sample before, Sample after, long operations)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        double seconds = (after.Timestamp - before.Timestamp) / (double)Stopwatch.Frequency;
        var costs = new List<CostPerOperation>();
        for (var i = 0; i < _nodes.Count; i++)
        {
            if (before.Nodes[i] is { } first && after.Nodes[i] is { } last)
                costs.Add(CostPerOperation.Of(_nodes[i].ToString(), last.Since(first), operations, seconds));
        }
        costs.Add(CostPerOperation.Of("client", after.Client.Since(before.Client), operations, seconds));
        return costs;
    }

    private async Task<ProcessCost?> ScrapeAsync(Uri node, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ScrapeTimeout);
        try
        {
            var scrape = await _http.GetStringAsync(new Uri(node, "metrics"), timeout.Token).ConfigureAwait(false);
            return ProcessCost.FromPrometheus(scrape);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }
}
