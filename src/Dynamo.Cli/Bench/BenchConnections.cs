using System.Net;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using Dynamo.Client;

namespace Dynamo.Cli.Bench;

/// <summary>
/// The clients of a run, one per node, over the chosen transport, and what they need: an HTTP connection pool
/// sized for every client, or a client-only actor system. Disposing closes them.
/// </summary>
public sealed class BenchConnections : IAsyncDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly ActorSystem? _system;

    private BenchConnections(HttpClient http, ActorSystem? system, IReadOnlyList<IDynamoClient> clients)
    {
        _http = http;
        _system = system;
        Clients = clients;
    }

    /// <summary>The HTTP connection pool the run's HTTP clients and setup calls share.</summary>
    public HttpClient Http => _http;

    /// <summary>One client per node, in the order the nodes were given.</summary>
    public IReadOnlyList<IDynamoClient> Clients { get; }

    /// <summary>
    /// Connects to every node of <paramref name="settings"/>. The native transport asks each node's
    /// <c>GET /cluster</c> for its actor-system address; a node that is no cluster member has none.
    /// </summary>
    public static async Task<BenchConnections> OpenAsync(BenchSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var handler = new SocketsHttpHandler
        {
            // One connection per client and node, so no request waits for a pooled connection.
            MaxConnectionsPerServer = Math.Max(settings.Clients, 1),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
        };
        var http = new HttpClient(handler) { Timeout = RequestTimeout };
        try
        {
            if (settings.Transport == BenchTransport.Http)
            {
                var options = new DynamoHttpClientOptions { ClientDrivenCoordination = settings.CoordinatesByRing };
                return new BenchConnections(http, null, settings.Nodes.Select(n => (IDynamoClient)new DynamoHttpClient(http, n, options)).ToArray());
            }

            var addresses = new List<string>();
            foreach (var node in settings.Nodes) addresses.Add(await ActorAddressAsync(http, node, ct).ConfigureAwait(false));
            var system = ActorSystem.Create("dynamo-bench", ConfigurationFactory
                .ParseString($"dynamo.client.client-driven-coordination = {(settings.CoordinatesByRing ? "on" : "off")}")
                .WithFallback(DynamoActorClient.ClientConfig(settings.ClientHost)));
            return new BenchConnections(http, system, addresses.Select(a => (IDynamoClient)new DynamoActorClient(system, a, RequestTimeout)).ToArray());
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <summary>The actor-system address a node reports as <c>self</c> in <c>GET /cluster</c>.</summary>
    public static async Task<string> ActorAddressAsync(HttpClient http, Uri node, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(node);
        var uri = new Uri(node, "cluster");
        string body;
        try
        {
            using var response = await http.GetAsync(uri, ct).ConfigureAwait(false);
            body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new BenchSetupException($"{uri} answered {(int)response.StatusCode}: {body}");
        }
        catch (HttpRequestException e)
        {
            throw new BenchSetupException($"cannot reach {uri}: {e.Message}");
        }
        string? self;
        try
        {
            using var json = JsonDocument.Parse(body);
            self = json.RootElement.TryGetProperty("self", out var s) ? s.GetString() : null;
        }
        catch (JsonException)
        {
            throw new BenchSetupException($"{uri} answered no JSON: {body}");
        }
        if (self is null || !self.StartsWith("akka.", StringComparison.Ordinal) || !self.Contains("://", StringComparison.Ordinal))
            throw new BenchSetupException($"{node} reports no actor-system address (self is \"{self}\"): the native transport needs a cluster member, started with --seed");
        return self;
    }

    /// <summary>
    /// Makes the bench bucket keep the last write: updates are blind writes (as in YCSB), and with siblings every
    /// blind write to a popular key would add one until the store refuses it. Sets its object buffer as
    /// <see cref="BenchSettings.ObjectBuffer"/> says, so that runs with and without it compare over the same records
    /// (<c>--skip-load</c>). Set over HTTP, which reaches every member; n, r and w stay as the cluster has them.
    /// </summary>
    public async Task UseLastWriteWinsAsync(BenchSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var admin = new DynamoHttpClient(_http, settings.Nodes[0]);
        var props = await admin.GetBucketPropsAsync(settings.Bucket, ct).ConfigureAwait(false);
        if (props.Conflicts != DynamoConflictMode.LastWriteWins || props.ObjectBuffer != settings.ObjectBuffer)
        {
            var wanted = props with { Conflicts = DynamoConflictMode.LastWriteWins, ObjectBuffer = settings.ObjectBuffer };
            await admin.SetBucketPropsAsync(settings.Bucket, wanted, ct).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_system is not null) await _system.Terminate().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        _http.Dispose();
    }
}
