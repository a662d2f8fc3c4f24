using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Dynamo.Client;

/// <summary>
/// A client of any node's HTTP API. Wraps an <see cref="HttpClient"/> that the caller owns. Every request goes to
/// <see cref="BaseAddress"/>, unless <see cref="DynamoHttpClientOptions.ClientDrivenCoordination"/> sends each key's
/// request to the endpoint of the first reachable node of its preference list, from the ring the client polls.
/// </summary>
public sealed class DynamoHttpClient : IDynamoClient
{
    private const string ContextHeader = "X-Dynamo-Context";
    private const string DeletedHeader = "X-Dynamo-Deleted";
    private const string DefaultContentType = "application/octet-stream";

    private readonly HttpClient _http;
    private readonly HttpRingPoller? _ring;

    /// <summary>A client of the node at <paramref name="baseAddress"/> (e.g. <c>http://127.0.0.1:8098/</c>), to which every request goes.</summary>
    public DynamoHttpClient(HttpClient http, Uri baseAddress)
        : this(http, baseAddress, new DynamoHttpClientOptions())
    {
    }

    /// <summary>
    /// A client of the cluster the node at <paramref name="baseAddress"/> belongs to, which sends each request where
    /// <paramref name="options"/> say: with <see cref="DynamoHttpClientOptions.ClientDrivenCoordination"/>, a key's
    /// request goes to a node of its preference list, and only bucket properties and requests made while no node of
    /// the ring is reachable go to the base address.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The ring poll interval is not positive.</exception>
    public DynamoHttpClient(HttpClient http, Uri baseAddress, DynamoHttpClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentNullException.ThrowIfNull(options);
        if (!baseAddress.IsAbsoluteUri)
            throw new ArgumentException($"The base address must be absolute, but was \"{baseAddress}\".", nameof(baseAddress));
        if (options.RingPollInterval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), options.RingPollInterval,
                $"{nameof(DynamoHttpClientOptions.RingPollInterval)} must be positive");
        _http = http;
        BaseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        if (options.ClientDrivenCoordination) _ring = new HttpRingPoller(http, BaseAddress, options.RingPollInterval);
    }

    /// <summary>The node's base address.</summary>
    public Uri BaseAddress { get; }

    // The ring key requests go by; null without client-driven coordination or before the first poll answered.
    internal ClientRing<Uri>? Ring => _ring?.Current;

    /// <inheritdoc />
    public async Task<DynamoGetResult> GetAsync(string bucket, string key, int? r = null, CancellationToken ct = default)
    {
        using var response = await SendKeyAsync(bucket, key,
            node => new HttpRequestMessage(HttpMethod.Get, KeyUri(node, bucket, key, "r", r)), ct).ConfigureAwait(false);
        var context = ContextOf(response) ?? DynamoContext.Empty;
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK:
                var value = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
                var sibling = new DynamoSibling(value,
                    response.Content.Headers.ContentType?.ToString() ?? DefaultContentType,
                    response.Content.Headers.LastModified ?? DateTimeOffset.MinValue);
                return new DynamoGetResult(DynamoObjectStatus.Found, [sibling], context);
            case HttpStatusCode.MultipleChoices:
                return await ReadSiblingsAsync(response, ct).ConfigureAwait(false);
            case HttpStatusCode.NotFound:
                var deleted = response.Headers.TryGetValues(DeletedHeader, out var flags)
                    && flags.Any(f => string.Equals(f, "true", StringComparison.OrdinalIgnoreCase));
                return new DynamoGetResult(deleted ? DynamoObjectStatus.Deleted : DynamoObjectStatus.NotFound, [], context);
            default:
                throw await ErrorOfAsync(response, ct).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<DynamoContext> PutAsync(string bucket, string key, ReadOnlyMemory<byte> value, string contentType,
        DynamoContext? context = null, int? w = null, CancellationToken ct = default)
    {
        var type = MediaTypeHeaderValue.Parse(string.IsNullOrEmpty(contentType) ? DefaultContentType : contentType);
        return await WriteAsync(bucket, key, node =>
        {
            var request = new HttpRequestMessage(HttpMethod.Put, KeyUri(node, bucket, key, "w", w)) { Content = new ReadOnlyMemoryContent(value) };
            request.Content.Headers.ContentType = type;
            AddContext(request, context);
            return request;
        }, ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<DynamoContext> DeleteAsync(string bucket, string key, DynamoContext context, int? w = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await WriteAsync(bucket, key, node =>
        {
            var request = new HttpRequestMessage(HttpMethod.Delete, KeyUri(node, bucket, key, "w", w));
            AddContext(request, context);
            return request;
        }, ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<DynamoBucketProps> GetBucketPropsAsync(string bucket, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, PropsUri(bucket));
        return await PropsAsync(request, ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<DynamoBucketProps> SetBucketPropsAsync(string bucket, DynamoBucketProps props, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(props);
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["n"] = props.N,
            ["r"] = props.R,
            ["w"] = props.W,
            ["conflicts"] = props.Conflicts == DynamoConflictMode.LastWriteWins ? "last-write-wins" : "siblings",
            ["pw"] = props.PW,
            ["pr"] = props.PR,
            ["object_buffer"] = props.ObjectBuffer,
        });
        using var request = new HttpRequestMessage(HttpMethod.Put, PropsUri(bucket))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        return await PropsAsync(request, ct).ConfigureAwait(false);
    }

    private async Task<DynamoContext> WriteAsync(string bucket, string key, Func<Uri, HttpRequestMessage> request, CancellationToken ct)
    {
        using var response = await SendKeyAsync(bucket, key, request, ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.NoContent)
            throw await ErrorOfAsync(response, ct).ConfigureAwait(false);
        return ContextOf(response)
            ?? throw new DynamoRequestException((int)response.StatusCode, $"the node answered without an {ContextHeader} header");
    }

    /// <summary>
    /// Sends the request <paramref name="request"/> builds for a node's base address to the key's coordinator. A node
    /// that refuses the connection never saw the request, so it goes on to the next node of the ring, and in the end to
    /// the base address; every other failure is the caller's, as a write that reached a node may have been stored.
    /// </summary>
    private async Task<HttpResponseMessage> SendKeyAsync(string bucket, string key, Func<Uri, HttpRequestMessage> request, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        ArgumentException.ThrowIfNullOrEmpty(key);
        List<Uri>? refused = null;
        while (true)
        {
            var node = _ring?.Current?.CoordinatorOf(bucket, key) ?? BaseAddress;
            // A poll in between may bring a node that refused back: it is not asked twice.
            if (refused?.Contains(node) == true) node = BaseAddress;
            using var message = request(node);
            try
            {
                return await _http.SendAsync(message, ct).ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError && node != BaseAddress)
            {
                (refused ??= []).Add(node);
                _ring!.Refused(node);
            }
        }
    }

    private async Task<DynamoBucketProps> PropsAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
            throw await ErrorOfAsync(response, ct).ConfigureAwait(false);
        using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false));
        var root = json.RootElement;
        var conflicts = root.GetProperty("conflicts").GetString();
        return new DynamoBucketProps(root.GetProperty("n").GetInt32(), root.GetProperty("r").GetInt32(), root.GetProperty("w").GetInt32(),
            conflicts == "last-write-wins" ? DynamoConflictMode.LastWriteWins : DynamoConflictMode.Siblings)
        {
            // Nodes built before strict quorums existed leave them out, which means none.
            PW = root.TryGetProperty("pw", out var pw) ? pw.GetInt32() : 0,
            PR = root.TryGetProperty("pr", out var pr) ? pr.GetInt32() : 0,
            ObjectBuffer = root.TryGetProperty("object_buffer", out var buffer) && buffer.GetBoolean(),
        };
    }

    private static async Task<DynamoGetResult> ReadSiblingsAsync(HttpResponseMessage response, CancellationToken ct)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false));
        var root = json.RootElement;
        var context = DynamoContext.FromBase64Url(root.GetProperty("context").GetString() ?? "");
        var siblings = root.GetProperty("siblings").EnumerateArray().Select(s => new DynamoSibling(
            s.GetProperty("value").GetBytesFromBase64(),
            s.GetProperty("contentType").GetString() ?? DefaultContentType,
            DateTimeOffset.FromUnixTimeMilliseconds(s.GetProperty("lastModified").GetInt64()))).ToList();
        return new DynamoGetResult(DynamoObjectStatus.Found, siblings, context);
    }

    /// <summary>Turns an error answer into a typed exception; a body that is no JSON error is reported as it came.</summary>
    private static async Task<DynamoException> ErrorOfAsync(HttpResponseMessage response, CancellationToken ct)
    {
        int status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        try
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            var error = root.TryGetProperty("error", out var e) ? e.GetString() ?? text : text;
            if (root.TryGetProperty("answered", out var answered) && root.TryGetProperty("needed", out var needed))
            {
                bool unknown = root.TryGetProperty("outcomeUnknown", out var u) && u.ValueKind == JsonValueKind.True;
                var detail = root.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : "";
                return new DynamoQuorumException(answered.GetInt32(), needed.GetInt32(), unknown, detail);
            }
            // A timeout or a node that did not answer: the flag says whether a write may have been stored.
            var outcomeUnknown = root.TryGetProperty("outcomeUnknown", out var flag) && flag.ValueKind == JsonValueKind.True;
            return outcomeUnknown ? new DynamoOutcomeUnknownException($"{status}: {error}") : new DynamoRequestException(status, error);
        }
        catch (JsonException)
        {
            return new DynamoRequestException(status, string.IsNullOrEmpty(text) ? response.ReasonPhrase ?? "no explanation" : text);
        }
    }

    private static DynamoContext? ContextOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues(ContextHeader, out var values) && values.FirstOrDefault() is { Length: > 0 } text
            ? DynamoContext.FromBase64Url(text)
            : null;

    private static void AddContext(HttpRequestMessage request, DynamoContext? context)
    {
        if (context is { IsEmpty: false })
            request.Headers.Add(ContextHeader, context.ToBase64Url());
    }

    private static Uri KeyUri(Uri node, string bucket, string key, string quorumName, int? quorum)
    {
        var query = quorum is { } q ? $"?{quorumName}={q.ToString(CultureInfo.InvariantCulture)}" : "";
        return new Uri(node, $"buckets/{Segment(bucket)}/keys/{Uri.EscapeDataString(key)}{query}");
    }

    private Uri PropsUri(string bucket) => new(BaseAddress, $"buckets/{Segment(bucket)}/props");

    private static string Segment(string bucket)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        return Uri.EscapeDataString(bucket);
    }
}
