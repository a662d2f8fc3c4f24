namespace Dynamo.Server.Hosting;

public sealed partial record ServerArguments
{
    /// <summary>
    /// The URL <c>--probe</c> asked to check instead of starting a node (see <see cref="Health.HealthProbe"/>): a
    /// container health check runs the node binary itself, as the runtime image has no HTTP client tool.
    /// </summary>
    public string? Probe { get; init; }

    private static string ProbeUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? text
            : throw new ArgumentException($"--probe must be an http:// or https:// URL, but was '{text}'");
}
