using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Dynamo.Client;

/// <summary>
/// A client of any node's HTTP API. Wraps an <see cref="HttpClient"/> that the caller owns; every relative
/// path is resolved against <see cref="BaseAddress"/>.
/// </summary>
public sealed class DynamoHttpClient : IDynamoClient
{
    private const string ContextHeader = "X-Dynamo-Context";
    private const string DeletedHeader = "X-Dynamo-Deleted";
    private const string DefaultContentType = "application/octet-stream";

    private readonly HttpClient _http;

    /// <summary>A client of the node at <paramref name="baseAddress"/> (e.g. <c>http://127.0.0.1:8098/</c>).</summary>
    public DynamoHttpClient(HttpClient http, Uri baseAddress)
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

    /// <inheritdoc />
    public async Task<DynamoGetResult> GetAsync(string bucket, string key, int? r = null, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, KeyUri(bucket, key, "r", r));
        using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
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
        using var request = new HttpRequestMessage(HttpMethod.Put, KeyUri(bucket, key, "w", w));
        request.Content = new ReadOnlyMemoryContent(value);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(string.IsNullOrEmpty(contentType) ? DefaultContentType : contentType);
        AddContext(request, context);
        return await WriteAsync(request, ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<DynamoContext> DeleteAsync(string bucket, string key, DynamoContext context, int? w = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var request = new HttpRequestMessage(HttpMethod.Delete, KeyUri(bucket, key, "w", w));
        AddContext(request, context);
        return await WriteAsync(request, ct).ConfigureAwait(false);
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

    private async Task<DynamoContext> WriteAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using var response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.NoContent)
            throw await ErrorOfAsync(response, ct).ConfigureAwait(false);
        return ContextOf(response)
            ?? throw new DynamoRequestException((int)response.StatusCode, $"the node answered without an {ContextHeader} header");
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

    private Uri KeyUri(string bucket, string key, string quorumName, int? quorum)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var query = quorum is { } q ? $"?{quorumName}={q.ToString(CultureInfo.InvariantCulture)}" : "";
        return new Uri(BaseAddress, $"buckets/{Segment(bucket)}/keys/{Uri.EscapeDataString(key)}{query}");
    }

    private Uri PropsUri(string bucket) => new(BaseAddress, $"buckets/{Segment(bucket)}/props");

    private static string Segment(string bucket)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        return Uri.EscapeDataString(bucket);
    }
}
