namespace Dynamo.Server.Health;

/// <summary>
/// The node binary's probe mode (<c>--probe URL</c>): one GET, exit code 0 on a 2xx answer and 1 otherwise. Container
/// health checks run it, since the ASP.NET Core runtime image has neither curl nor wget.
/// </summary>
public static class HealthProbe
{
    /// <summary>How long the probe waits for the answer; a container health check kills it after its own timeout anyway.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>GETs <paramref name="url"/>, writes the status (or the failure) on one line, and returns the exit code.</summary>
    public static async Task<int> RunAsync(string url, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(output);
        using var http = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await http.GetAsync(new Uri(url, UriKind.Absolute)).ConfigureAwait(false);
            string body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            await output.WriteLineAsync($"{(int)response.StatusCode} {body}").ConfigureAwait(false);
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await output.WriteLineAsync($"{url}: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
