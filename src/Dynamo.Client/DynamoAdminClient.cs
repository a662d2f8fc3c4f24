using System.Net;
using System.Text;
using System.Text.Json;

namespace Dynamo.Client;

/// <summary>
/// A client of a node's operator endpoints: <c>GET /cluster</c>, <c>/ring</c>, <c>/stats</c>,
/// <c>/cluster/sharding/regions</c>, <c>/cluster/sharding/{type}/shard-stats</c> and
/// <c>POST /cluster/join|leave|down|down-unreachable</c>. Wraps an <see cref="HttpClient"/> that the caller owns. Errors are
/// <see cref="DynamoRequestException"/>s carrying the node's status and explanation.
/// </summary>
public sealed class DynamoAdminClient
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;

    /// <summary>A client of the node at <paramref name="baseAddress"/> (e.g. <c>http://127.0.0.1:8098/</c>).</summary>
    public DynamoAdminClient(HttpClient http, Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(baseAddress);
        if (!baseAddress.IsAbsoluteUri)
            throw new ArgumentException($"The base address must be absolute, but was \"{baseAddress}\".", nameof(baseAddress));
        _http = http;
        BaseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
    }

    /// <summary>The node's base address.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The members and the leader as the node sees them, and the node's own outgoing transfers.</summary>
    public async Task<DynamoClusterView> GetClusterAsync(CancellationToken ct = default) =>
        Deserialize<DynamoClusterView>(await GetTextAsync("cluster", ct).ConfigureAwait(false), "cluster");

    /// <summary>The ring the node routes by.</summary>
    public async Task<DynamoRingView> GetRingAsync(CancellationToken ct = default) =>
        Deserialize<DynamoRingView>(await GetTextAsync("ring", ct).ConfigureAwait(false), "ring");

    /// <summary>
    /// The node's <c>/stats</c>: the document as it came and a typed view of its node, requests, latency, hints,
    /// readRepair, objectBuffer, handoff and antiEntropy sections. A section the node could not fill is null in the view and explained in
    /// <see cref="DynamoStats.SectionErrors"/>; only an answer that is no JSON object at all fails.
    /// </summary>
    public async Task<DynamoStats> GetStatsAsync(CancellationToken ct = default)
    {
        var text = await GetTextAsync("stats", ct).ConfigureAwait(false);
        using var document = Parse(text, "stats");
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new DynamoRequestException(502, $"the node's answer to /stats is not a JSON object but {document.RootElement.ValueKind}");
        return DynamoStatsReader.Read(document.RootElement.Clone());
    }

    /// <summary>Asks the node to join the cluster that <paramref name="address"/> belongs to; returns the node's message.</summary>
    public Task<string> JoinAsync(string address, CancellationToken ct = default) => ChangeAsync("join", address, ct);

    /// <summary>Asks the member at <paramref name="address"/> to leave gracefully, handing off its partitions; returns the node's message.</summary>
    public Task<string> LeaveAsync(string address, CancellationToken ct = default) => ChangeAsync("leave", address, ct);

    /// <summary>Marks the member at <paramref name="address"/> down (it will not come back); returns the node's message.</summary>
    public Task<string> DownAsync(string address, CancellationToken ct = default) => ChangeAsync("down", address, ct);

    /// <summary>
    /// Marks down every member the node sees unreachable (Petabridge.Cmd's <c>cluster down-unreachable</c>); returns the
    /// members it downed, none when nothing was unreachable.
    /// </summary>
    public async Task<DynamoDownUnreachable> DownUnreachableAsync(CancellationToken ct = default)
    {
        const string path = "cluster/down-unreachable";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseAddress, path));
        using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Accepted)
            throw ErrorOf(response, text);
        return Deserialize<DynamoDownUnreachable>(text, path);
    }

    /// <summary>The Cluster.Sharding entity types the node runs, each with its regions as the shard coordinator knows them.</summary>
    public async Task<DynamoShardRegions> GetShardRegionsAsync(CancellationToken ct = default) =>
        Deserialize<DynamoShardRegions>(await GetTextAsync("cluster/sharding/regions", ct).ConfigureAwait(false), "cluster/sharding/regions");

    /// <summary>
    /// Per region of entity type <paramref name="typeName"/>, the shards and their entity counts (Cluster.Sharding's
    /// cluster stats). A type the node runs no region of is a <see cref="DynamoRequestException"/> with status 404.
    /// </summary>
    public async Task<DynamoShardStats> GetShardStatsAsync(string typeName, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(typeName);
        var path = $"cluster/sharding/{Uri.EscapeDataString(typeName)}/shard-stats";
        return Deserialize<DynamoShardStats>(await GetTextAsync(path, ct).ConfigureAwait(false), path);
    }

    private async Task<string> ChangeAsync(string change, string address, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        var body = JsonSerializer.Serialize(new Dictionary<string, string> { ["address"] = address });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseAddress, "cluster/" + change))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Accepted)
            throw ErrorOf(response, text);
        using var json = Parse(text, "cluster/" + change);
        return json.RootElement.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } m
            ? m
            : $"{change} of {address} accepted";
    }

    private async Task<string> GetTextAsync(string path, CancellationToken ct)
    {
        using var response = await _http.GetAsync(new Uri(BaseAddress, path), ct).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
            throw ErrorOf(response, text);
        return text;
    }

    private static T Deserialize<T>(string text, string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(text, Json)
                ?? throw new DynamoRequestException(502, $"the node answered /{path} with null");
        }
        catch (JsonException e)
        {
            throw new DynamoRequestException(502, $"the node's answer to /{path} is not the expected JSON: {e.Message}");
        }
    }

    private static JsonDocument Parse(string text, string path)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new DynamoRequestException(502, $"the node's answer to /{path} is not JSON: {e.Message}");
        }
    }

    // The server's error bodies are {"error": "..."}; anything else is passed on as it came.
    private static DynamoRequestException ErrorOf(HttpResponseMessage response, string text)
    {
        var status = (int)response.StatusCode;
        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("error", out var error) && error.GetString() is { Length: > 0 } message)
                return new DynamoRequestException(status, message);
        }
        catch (JsonException)
        {
            // Not JSON: the raw text (or the reason phrase) is the best explanation there is.
        }
        return new DynamoRequestException(status, string.IsNullOrWhiteSpace(text) ? response.ReasonPhrase ?? "no explanation" : text);
    }
}
