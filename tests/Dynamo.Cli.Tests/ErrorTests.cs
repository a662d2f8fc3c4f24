using System.Net;
using System.Text;
using Dynamo.TestSupport;

namespace Dynamo.Cli.Tests;

/// <summary>Failures that need no node, or a node that answers badly: one line on stderr and a non-zero exit.</summary>
public sealed class ErrorTests
{
    [Fact]
    public async Task An_unreachable_node_is_named_and_exits_1()
    {
        var port = FreePorts.One();

        var run = await InProcessCli.RunAsync(["get", "b", "k", "--node", $"http://127.0.0.1:{port}"]);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.StartsWith($"dynamo: cannot reach node http://127.0.0.1:{port}", run.Error);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_node_that_is_no_URL_is_a_usage_error()
    {
        var run = await InProcessCli.RunAsync(["cluster", "show", "--node", "127.0.0.1:8098"]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--node must be an http:// or https:// URL", run.Error);
    }

    [Fact]
    public async Task A_context_that_is_no_base64url_is_a_usage_error()
    {
        var run = await InProcessCli.RunAsync(["put", "b", "k", "v", "--context", "not*base64"]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--context", run.Error);
    }

    [Fact]
    public async Task Delete_without_a_context_is_refused_before_anything_is_sent()
    {
        var run = await InProcessCli.RunAsync(["delete", "b", "k"]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--context", run.Error);
    }

    [Fact]
    public async Task Put_without_a_value_or_file_is_a_usage_error()
    {
        var run = await InProcessCli.RunAsync(["put", "b", "k"]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("needs a value", run.Error);
    }

    [Fact]
    public async Task A_quorum_below_one_is_a_usage_error()
    {
        var run = await InProcessCli.RunAsync(["get", "b", "k", "--r", "0"]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--r must be at least 1", run.Error);
    }

    [Fact]
    public async Task A_write_that_missed_its_quorum_with_an_unknown_outcome_says_so_and_exits_3()
    {
        using var handler = new CannedHandler(HttpStatusCode.ServiceUnavailable,
            """{"error":"quorum not met","answered":1,"needed":2,"outcomeUnknown":true,"detail":"one replica answered"}""");

        var run = await InProcessCli.RunAsync(["put", "b", "k", "v", "--node", "http://127.0.0.1:9"], handler: handler);

        Assert.Equal(ExitCodes.UnknownOutcome, run.ExitCode);
        Assert.Contains("quorum not met: 1 of 2", run.Error);
        Assert.Contains("unknown outcome", run.Error);
    }

    [Fact]
    public async Task A_read_that_missed_its_quorum_exits_1_without_claiming_an_unknown_outcome()
    {
        using var handler = new CannedHandler(HttpStatusCode.ServiceUnavailable,
            """{"error":"quorum not met","answered":1,"needed":2,"outcomeUnknown":false,"detail":""}""");

        var run = await InProcessCli.RunAsync(["get", "b", "k", "--node", "http://127.0.0.1:9"], handler: handler);

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Contains("quorum not met: 1 of 2", run.Error);
        Assert.DoesNotContain("unknown outcome", run.Error);
    }

    [Fact]
    public async Task A_write_the_node_did_not_answer_in_time_is_an_unknown_outcome()
    {
        using var handler = new CannedHandler(HttpStatusCode.ServiceUnavailable, """{"error":"timeout: no replica answered within 2000 ms"}""");

        var run = await InProcessCli.RunAsync(["delete", "b", "k", "--context", "AQID", "--node", "http://127.0.0.1:9"], handler: handler);

        Assert.Equal(ExitCodes.UnknownOutcome, run.ExitCode);
        Assert.Contains("answered 503", run.Error);
        Assert.Contains("unknown outcome", run.Error);
    }

    /// <summary>Answers every request with one status and body.</summary>
    private sealed class CannedHandler(HttpStatusCode status, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }
}
