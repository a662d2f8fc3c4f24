using System.Net;
using System.Text;

namespace Dynamo.Client.Tests;

/// <summary>
/// The HTTP client turns the API's 503 answers into exceptions that say whether a write may have been stored,
/// whichever way the node failed (quorum missed, coordinator timeout, node not answering).
/// </summary>
public sealed class HttpErrorOutcomeTests
{
    [Theory]
    [InlineData("""{"error": "quorum not met: 2 of 3 needed replicas answered; unknown outcome: the write may have been stored", "answered": 2, "needed": 3, "outcomeUnknown": true, "detail": "put"}""", true)]
    [InlineData("""{"error": "quorum not met: 0 of 4 needed replicas answered; the write was not stored", "answered": 0, "needed": 4, "outcomeUnknown": false, "detail": "put"}""", false)]
    [InlineData("""{"error": "timeout: no replica answered within 2000 ms; unknown outcome: the write may have been stored", "timeoutMs": 2000, "outcomeUnknown": true, "detail": "put"}""", true)]
    [InlineData("""{"error": "the node did not answer within 10000 ms; unknown outcome: the write may have been stored", "outcomeUnknown": true}""", true)]
    [InlineData("""{"error": "the node did not answer within 10000 ms", "outcomeUnknown": false}""", false)]
    public async Task A_failed_write_reports_whether_its_outcome_is_unknown(string body, bool unknown)
    {
        using var http = new HttpClient(new Answering(HttpStatusCode.ServiceUnavailable, body));
        var client = new DynamoHttpClient(http, new Uri("http://127.0.0.1:1/"));

        var failure = await Assert.ThrowsAnyAsync<DynamoException>(() => client.PutAsync("b", "k", "v"u8.ToArray(), "text/plain"));

        Assert.Equal(unknown, failure.OutcomeUnknown);
        Assert.Equal(unknown, failure.Message.Contains("unknown outcome", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_quorum_failure_stays_a_quorum_exception_with_its_counts()
    {
        using var http = new HttpClient(new Answering(HttpStatusCode.ServiceUnavailable,
            """{"error": "quorum not met", "answered": 1, "needed": 2, "outcomeUnknown": true, "detail": ""}"""));
        var client = new DynamoHttpClient(http, new Uri("http://127.0.0.1:1/"));

        var failure = await Assert.ThrowsAsync<DynamoQuorumException>(() => client.DeleteAsync("b", "k", DynamoContext.Empty));

        Assert.Equal((1, 2, true), (failure.Answered, failure.Needed, failure.OutcomeUnknown));
    }

    [Fact]
    public async Task A_write_the_node_gave_up_on_is_the_outcome_unknown_exception_of_the_actor_client_too()
    {
        using var http = new HttpClient(new Answering(HttpStatusCode.ServiceUnavailable,
            """{"error": "timeout: no replica answered within 2000 ms; unknown outcome: the write may have been stored", "timeoutMs": 2000, "outcomeUnknown": true}"""));
        var client = new DynamoHttpClient(http, new Uri("http://127.0.0.1:1/"));

        var failure = await Assert.ThrowsAsync<DynamoOutcomeUnknownException>(() => client.PutAsync("b", "k", "v"u8.ToArray(), "text/plain"));

        Assert.True(failure.OutcomeUnknown);
        Assert.StartsWith("503: timeout", failure.Message);
    }

    /// <summary>Answers every request with one status and JSON body, without a network.</summary>
    private sealed class Answering(HttpStatusCode status, string json) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") });
    }
}
