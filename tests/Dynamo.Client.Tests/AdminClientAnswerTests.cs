using System.Net;
using System.Text;

namespace Dynamo.Client.Tests;

/// <summary>
/// The admin client reads answers a single healthy node never gives: transfers in progress, and /stats sections the
/// node could not fill. Canned answers stand in for the node.
/// </summary>
public sealed class AdminClientAnswerTests
{
    private static DynamoAdminClient Answering(HttpClient http) => new(http, new Uri("http://127.0.0.1:1/"));

    [Fact]
    public async Task Transfers_in_the_cluster_view_are_typed_and_tell_running_from_finished()
    {
        using var http = new HttpClient(new Canned("""
            {"self": "a", "leader": "a", "members": [],
             "transfers": [
               {"partition": 7, "from": "a", "to": "b", "objectsSent": 120, "state": "Sending", "attempts": 2, "lastError": "receiver restarted"},
               {"partition": 9, "from": "a", "to": "c", "objectsSent": 40, "state": "Completed", "attempts": 1, "lastError": null}]}
            """));

        var view = await Answering(http).GetClusterAsync();

        Assert.Equal(new DynamoTransfer(7, "a", "b", 120, "Sending", 2, "receiver restarted"), view.Transfers[0]);
        Assert.Equal(new[] { true, false }, view.Transfers.Select(t => t.InProgress));
    }

    [Fact]
    public async Task A_cluster_view_without_transfers_reads_as_an_empty_list()
    {
        using var http = new HttpClient(new Canned("""{"self": "a", "leader": null, "members": []}"""));

        var view = await Answering(http).GetClusterAsync();

        Assert.Empty(view.Transfers);
    }

    [Fact]
    public async Task A_stats_section_that_carries_an_error_is_null_and_its_error_is_kept_while_the_others_are_read()
    {
        using var http = new HttpClient(new Canned("""
            {"node": {"nodeId": "n1", "storagePlugin": "sqlite", "ownedPartitions": 5, "startedAt": "2026-01-02T03:04:05+00:00"},
             "requests": {"get": {"200": 3, "404": 1}},
             "coordinated": {"get": {"ok": 3, "not_found": 1}},
             "latency": {"get": {"count": 4, "p50Ms": 1.5, "p95Ms": 2, "p99Ms": 3, "p999Ms": 3.5, "maxMs": 4.25}},
             "hints": {"error": "the hinted handoff did not answer within 2000 ms"},
             "readRepair": {"stale": 2, "missing": 1, "total": 3},
             "objectBuffer": {"bufferedAcks": 7, "durableAcks": 5, "failedAfterAck": 1, "bufferReads": 2},
             "handoff": {"active": 1, "completed": 2, "refused": 0, "objectsSent": 99},
             "antiEntropy": {"exchangesCompleted": 7, "exchangesFailed": 1, "keysRepaired": 4, "hashesExchanged": 120, "lastExchangeAgeSeconds": {"3": 12.5}}}
            """));

        var stats = await Answering(http).GetStatsAsync();

        Assert.Null(stats.Hints);
        Assert.Equal(new DynamoObjectBufferStats(7, 5, 1, 2), stats.ObjectBuffer);
        Assert.Equal((7L, 1L, 4L, 120L), (stats.AntiEntropy!.ExchangesCompleted, stats.AntiEntropy.ExchangesFailed, stats.AntiEntropy.KeysRepaired, stats.AntiEntropy.HashesExchanged));
        Assert.Equal(12.5, stats.AntiEntropy.LastExchangeAgeSeconds["3"]);
        Assert.Equal("the hinted handoff did not answer within 2000 ms", stats.SectionErrors["hints"]);
        Assert.Single(stats.SectionErrors);
        Assert.Equal(new DynamoReadRepairStats(2, 1, 3), stats.ReadRepair);
        Assert.Equal(new DynamoHandoffStats(1, 2, 0, 99), stats.Handoff);
        Assert.Equal(4.25, stats.Latency["get"].MaxMs);
        Assert.Equal(3.5, stats.Latency["get"].P999Ms);
        Assert.Equal(1, stats.Requests["get"]["404"]);
        Assert.Equal(1, stats.Coordinated!["get"]["not_found"]);
        Assert.Equal("n1", stats.Node!.NodeId);
    }

    [Fact]
    public async Task Stats_sections_that_are_missing_or_malformed_are_named_with_the_reason()
    {
        using var http = new HttpClient(new Canned("""
            {"node": {"nodeId": "n1", "storagePlugin": "memory", "ownedPartitions": 1, "startedAt": "2026-01-02T03:04:05Z"},
             "requests": {}, "latency": {}, "readRepair": {"stale": "many"},
             "hints": {"stored": 5, "delivered": 3, "failedBatches": 1, "pendingTotal": 2, "pending": {"127.0.0.1:4054": 2}}}
            """));

        var stats = await Answering(http).GetStatsAsync();

        Assert.Contains("no 'handoff' section", stats.SectionErrors["handoff"]);
        Assert.Contains("'readRepair' section is not the expected JSON", stats.SectionErrors["readRepair"]);
        Assert.Equal(2, stats.Hints!.Pending["127.0.0.1:4054"]);
        Assert.Equal((5L, 3L, 1L), (stats.Hints.Stored, stats.Hints.Delivered, stats.Hints.FailedBatches));
    }

    [Fact]
    public async Task Stats_that_are_no_JSON_object_fail_as_a_bad_gateway_answer()
    {
        using var http = new HttpClient(new Canned("[1, 2]"));

        var failure = await Assert.ThrowsAsync<DynamoRequestException>(() => Answering(http).GetStatsAsync());

        Assert.Equal(502, failure.StatusCode);
        Assert.Contains("/stats", failure.Message);
    }

    /// <summary>Answers every request with 200 and one JSON body, without a network.</summary>
    private sealed class Canned(string json) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
    }
}
