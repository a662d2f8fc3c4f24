using System.Globalization;
using Dynamo.Client;

namespace Dynamo.Cli;

/// <summary>
/// Asks every member of a cluster view the same question over its own HTTP endpoint, at once and each within a time
/// limit, as <c>riak-admin transfers</c> asks every node: one member that is down or slow costs its own answer only.
/// </summary>
public static class MemberFanOut
{
    /// <summary>
    /// Asks each member of <paramref name="view"/> except removed ones. The member that gave the view is asked at
    /// <paramref name="self"/> (the address the operator used), the others at their advertised HTTP endpoints.
    /// </summary>
    public static async Task<IReadOnlyList<MemberAnswer<T>>> AskAsync<T>(HttpClient http, DynamoClusterView view, Uri self,
        TimeSpan timeout, Func<DynamoAdminClient, CancellationToken, Task<T>> ask, CancellationToken ct) where T : class
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(ask);
        var asks = view.Members
            .Where(m => m.Status != "Removed")
            .Select(m => m.Address == view.Self
                ? AskOneAsync(http, m.Address, self.ToString(), timeout, ask, ct)
                : AskOneAsync(http, m.Address, m.HttpEndpoint, timeout, ask, ct));
        return await Task.WhenAll(asks).ConfigureAwait(false);
    }

    private static async Task<MemberAnswer<T>> AskOneAsync<T>(HttpClient http, string address, string? endpoint, TimeSpan timeout,
        Func<DynamoAdminClient, CancellationToken, Task<T>> ask, CancellationToken ct) where T : class
    {
        if (endpoint is null)
            return new MemberAnswer<T>(address, null, null, "its HTTP endpoint is not known");
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return new MemberAnswer<T>(address, endpoint, null, $"its HTTP endpoint '{endpoint}' is no http:// URL");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            var value = await ask(new DynamoAdminClient(http, uri), limit.Token).ConfigureAwait(false);
            return new MemberAnswer<T>(address, endpoint, value, null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new MemberAnswer<T>(address, endpoint, null,
                $"no answer within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s");
        }
        catch (HttpRequestException e)
        {
            return new MemberAnswer<T>(address, endpoint, null, e.Message);
        }
        catch (DynamoRequestException e)
        {
            return new MemberAnswer<T>(address, endpoint, null, $"answered {e.StatusCode}: {e.Error}");
        }
    }

    /// <summary>
    /// Writes one line on standard error naming every member that did not answer and why; returns the exit code:
    /// <see cref="ExitCodes.Failure"/> when any member is missing (the picture is incomplete), else success.
    /// </summary>
    public static async Task<int> ReportMissingAsync<T>(CliContext context, IReadOnlyList<MemberAnswer<T>> answers) where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(answers);
        var missing = answers.Where(a => !a.Answered).ToList();
        if (missing.Count == 0) return ExitCodes.Success;
        await context.Error.WriteLineAsync($"dynamo: {missing.Count} of {answers.Count} members did not answer: "
            + string.Join("; ", missing.Select(m => $"{m.Address} ({m.HttpEndpoint ?? "no HTTP endpoint"}): {m.Error}"))).ConfigureAwait(false);
        return ExitCodes.Failure;
    }

    /// <summary>Reads <c>--timeout</c>: a duration such as <c>5s</c> or <c>500ms</c>, above zero.</summary>
    public static TimeSpan ParseTimeout(string? text) =>
        text is not null && Bench.DurationParser.TryParse(text, out var timeout) && timeout > TimeSpan.Zero
            ? timeout
            : throw new UsageException($"--timeout must be a duration above zero such as 5s or 500ms, but was '{text}'");
}
