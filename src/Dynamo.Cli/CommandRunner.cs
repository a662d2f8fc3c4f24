using System.Net.Sockets;
using Dynamo.Client;

namespace Dynamo.Cli;

/// <summary>
/// Runs a command's request against a node and turns every way it can fail into one line on standard error
/// and an exit code: an unreachable node, a refusal, a missed quorum, a timeout, bad input.
/// </summary>
public static class CommandRunner
{
    /// <summary>
    /// Parses <paramref name="node"/>, hands <paramref name="body"/> a fresh HTTP client and the node's address,
    /// and reports what goes wrong. <paramref name="isWrite"/> makes a lost answer an unknown outcome.
    /// </summary>
    public static async Task<int> RunAsync(CliContext context, string? node, bool isWrite,
        Func<HttpClient, Uri, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        if (!Uri.TryCreate(node, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
            return Usage(context, $"--node must be an http:// or https:// URL, but was '{node}'");
        using var http = context.CreateHttpClient();
        try
        {
            return await body(http, address).ConfigureAwait(false);
        }
        catch (DynamoQuorumException e)
        {
            await context.Error.WriteLineAsync($"dynamo: {e.Message}").ConfigureAwait(false);
            return e.OutcomeUnknown ? ExitCodes.UnknownOutcome : ExitCodes.Failure;
        }
        catch (DynamoOutcomeUnknownException e)
        {
            await context.Error.WriteLineAsync($"dynamo: {address.GetLeftPart(UriPartial.Authority)} answered {e.Message}").ConfigureAwait(false);
            return ExitCodes.UnknownOutcome;
        }
        catch (DynamoRequestException e)
        {
            var unknown = isWrite && e.StatusCode == 503;
            var said = e.Error.Contains("unknown outcome", StringComparison.OrdinalIgnoreCase) || e.Error.Contains("outcome is unknown", StringComparison.OrdinalIgnoreCase);
            var line = $"dynamo: {address.GetLeftPart(UriPartial.Authority)} answered {e.StatusCode}: {e.Error}"
                + (unknown && !said ? "; unknown outcome: the write may have been stored" : "");
            await context.Error.WriteLineAsync(line).ConfigureAwait(false);
            return unknown ? ExitCodes.UnknownOutcome : ExitCodes.Failure;
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException || e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            await context.Error.WriteLineAsync($"dynamo: cannot reach node {address.GetLeftPart(UriPartial.Authority)}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (HttpRequestException e)
        {
            await context.Error.WriteLineAsync($"dynamo: request to {address.GetLeftPart(UriPartial.Authority)} failed"
                + (isWrite ? " (unknown outcome: the write may have been stored)" : "") + $": {e.Message}").ConfigureAwait(false);
            return isWrite ? ExitCodes.UnknownOutcome : ExitCodes.Failure;
        }
        catch (TaskCanceledException)
        {
            await context.Error.WriteLineAsync($"dynamo: node {address.GetLeftPart(UriPartial.Authority)} did not answer within {http.Timeout.TotalSeconds:0.#} s"
                + (isWrite ? "; unknown outcome: the write may have been stored" : "")).ConfigureAwait(false);
            return isWrite ? ExitCodes.UnknownOutcome : ExitCodes.Failure;
        }
        catch (UsageException e)
        {
            return Usage(context, e.Message);
        }
    }

    /// <summary>Reports a bad command line: one line on standard error, <see cref="ExitCodes.Usage"/>.</summary>
    public static int Usage(CliContext context, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Error.WriteLine($"dynamo: {message}");
        return ExitCodes.Usage;
    }
}
