using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Dynamo.Cli.Tests;

/// <summary>
/// Three members' HTTP APIs without a network: <c>/cluster</c> and <c>/stats</c> answered from canned JSON per member,
/// A's <c>POST /cluster/down-unreachable</c> downing C, and a member whose endpoint refuses connections, as a stopped
/// node's would.
/// </summary>
public sealed class CannedCluster : HttpMessageHandler
{
    /// <summary>The member that gives the view (the operator's <c>--node</c>).</summary>
    public const string A = "akka.tcp://dynamo@127.0.0.1:4053";

    /// <summary>A member that answers and sends nothing.</summary>
    public const string B = "akka.tcp://dynamo@127.0.0.1:4054";

    /// <summary>A member that does not answer.</summary>
    public const string C = "akka.tcp://dynamo@127.0.0.1:4055";

    /// <summary>A's HTTP endpoint.</summary>
    public const string UrlA = "http://127.0.0.1:18098";

    /// <summary>B's HTTP endpoint.</summary>
    public const string UrlB = "http://127.0.0.1:18099";

    /// <summary>C's HTTP endpoint.</summary>
    public const string UrlC = "http://127.0.0.1:18100";

    private static readonly string Members = $$"""
        [{"address": "{{A}}", "nodeId": "127.0.0.1:4053", "status": "Up", "reachable": true, "httpEndpoint": "{{UrlA}}", "partitions": 11},
         {"address": "{{B}}", "nodeId": "127.0.0.1:4054", "status": "Up", "reachable": true, "httpEndpoint": "{{UrlB}}", "partitions": 11},
         {"address": "{{C}}", "nodeId": "127.0.0.1:4055", "status": "Up", "reachable": false, "httpEndpoint": "{{UrlC}}", "partitions": 10}]
        """;

    private readonly Dictionary<string, string> _answers = new(StringComparer.Ordinal)
    {
        [UrlA + "/cluster"] = $$"""
            {"self": "{{A}}", "leader": "{{A}}", "members": {{Members}},
             "transfers": [
               {"partition": 7, "from": "127.0.0.1:4053", "to": "127.0.0.1:4054", "objectsSent": 1234, "state": "Sending", "attempts": 1, "lastError": null, "objectsSkipped": 300},
               {"partition": 3, "from": "127.0.0.1:4053", "to": "127.0.0.1:4054", "objectsSent": 50, "state": "Completed", "attempts": 1, "lastError": null}]}
            """,
        [UrlB + "/cluster"] = $$"""{"self": "{{B}}", "leader": "{{A}}", "members": {{Members}}, "transfers": []}""",
        [UrlA + "/stats"] = Stats("127.0.0.1:4053", """{"stored": 4, "delivered": 1, "failedBatches": 2, "pendingTotal": 3, "pending": {"127.0.0.1:4055": 3}}"""),
        [UrlB + "/stats"] = Stats("127.0.0.1:4054", """{"error": "the hinted handoff did not answer within 2000 ms"}"""),
    };

    // Answered 202 Accepted, as the node answers an operator call it carried out.
    private readonly Dictionary<string, string> _accepted = new(StringComparer.Ordinal)
    {
        [UrlA + "/cluster/down-unreachable"] = $$"""
            {"result": "accepted", "message": "down of 1 unreachable member accepted; membership converges on it through gossip", "downed": ["{{C}}"]}
            """,
    };

    /// <summary>The requests made, as absolute URLs.</summary>
    public List<string> Requests { get; } = [];

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!.GetLeftPart(UriPartial.Path);
        lock (Requests) Requests.Add(url);
        if (url.StartsWith(UrlC, StringComparison.Ordinal))
            throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:18100)", new SocketException((int)SocketError.ConnectionRefused));
        if (request.Method == HttpMethod.Post && _accepted.TryGetValue(url, out var accepted))
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Accepted) { Content = new StringContent(accepted, Encoding.UTF8, "application/json") });
        return Task.FromResult(_answers.TryGetValue(url, out var json)
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") }
            : new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("""{"error": "no such route"}""", Encoding.UTF8, "application/json") });
    }

    private static string Stats(string nodeId, string hints) => $$$"""
        {"node": {"nodeId": "{{{nodeId}}}", "storagePlugin": "sqlite", "ownedPartitions": 11, "startedAt": "2026-01-02T03:04:05+00:00"},
         "requests": {"get": {"200": 40, "404": 2}, "put": {"204": 17}},
         "coordinated": {"get": {"ok": 40, "not_found": 2}, "put": {"ok": 17}},
         "latency": {"get": {"count": 42, "p50Ms": 1.25, "p95Ms": 3.5, "p99Ms": 7, "maxMs": 12.5}, "put": {"count": 17, "p50Ms": 2.5, "p95Ms": 6, "p99Ms": 9, "maxMs": 15}},
         "hints": {{{hints}}},
         "readRepair": {"stale": 5, "missing": 2, "total": 7},
         "handoff": {"active": 1, "completed": 1, "refused": 0, "objectsSent": 1284},
         "antiEntropy": {"exchangesCompleted": 12, "exchangesFailed": 1, "keysRepaired": 3, "hashesExchanged": 1500, "lastExchangeAgeSeconds": {"0": 4.5, "7": 30} } }
        """;
}
