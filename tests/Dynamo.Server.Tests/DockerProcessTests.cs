using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Dynamo.Server.Health;
using Dynamo.Server.Tests.Docker;
using Dynamo.TestSupport;

namespace Dynamo.Server.Tests;

/// <summary>
/// What the containers of docker/docker-compose.yml run, run as plain processes (no Docker engine runs where the
/// tests do): the image's entrypoint with the first two services' environment and command (the seeds) forms a
/// two-node cluster over TLS with a certificate the entrypoint generated, and each service's health check command
/// passes once its node is ready.
/// </summary>
public sealed class DockerProcessTests
{
    private static readonly TimeSpan Within = TimeFactor.Dilated(TimeSpan.FromSeconds(75));

    // Bounded by Within (dilated on slow machines), as the other process tests are.
    [Fact]
    public async Task The_entrypoint_starts_the_seed_services_as_a_tls_cluster_whose_health_checks_pass()
    {
        using var timeout = new CancellationTokenSource(Within);
        var ct = timeout.Token;
        var services = ComposeService.All(ComposeYaml.Parse(File.ReadAllText(RepositoryFiles.PathOf("docker/docker-compose.yml"))));
        Assert.Contains($"-o {ComposeProcesses.AppFolder}", File.ReadAllText(RepositoryFiles.PathOf("docker/Dockerfile")));
        string entrypoint = File.ReadAllText(RepositoryFiles.PathOf("docker/entrypoint.sh"));
        using var processes = new ComposeProcesses(services, AppContext.BaseDirectory);
        var seeds = services.Take(2).ToList();

        // Before its node runs, a service's health check fails: the check can tell.
        var (unreachable, _) = await processes.CheckHealthAsync(seeds[0], ct);
        Assert.NotEqual(0, unreachable);

        foreach (var service in seeds) processes.StartNode(service, entrypoint);
        foreach (var service in seeds)
        {
            await UntilAsync(async () => (await processes.CheckHealthAsync(service, ct)).ExitCode == 0,
                () => $"{service.Name}'s health check to pass. Its output:{Environment.NewLine}{processes.Output(service)}", ct);
        }

        // The two formed one cluster, over TLS.
        using var http = new HttpClient { BaseAddress = processes.HttpEndpoint(seeds[0]), Timeout = TimeSpan.FromSeconds(15) };
        using var cluster = await http.GetAsync("/cluster", ct);
        var members = JsonDocument.Parse(await cluster.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(2, members.Count(m => m.GetProperty("status").GetString() == "Up"));
        Assert.All(members, m => Assert.StartsWith("akka.ssl.tcp://", m.GetProperty("address").GetString()));
        using var ready = await http.GetAsync(HealthEndpoints.ReadyPath, ct);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        // With the certificate one entrypoint generated: a PKCS#12 file with its key, under the configured password.
        var config = seeds[0].LoadConfig();
        string certificate = processes.HostPathOf(seeds[0], config.GetString("akka.remote.dot-netty.tcp.ssl.certificate.path"));
        using var loaded = X509CertificateLoader.LoadPkcs12FromFile(certificate, config.GetString("akka.remote.dot-netty.tcp.ssl.certificate.password"));
        Assert.True(loaded.HasPrivateKey);
        Assert.Equal(loaded.Subject, loaded.Issuer);
        Assert.Single(Directory.GetFileSystemEntries(Path.GetDirectoryName(certificate)!));
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, Func<string> what, CancellationToken ct)
    {
        try
        {
            while (!await condition()) await Task.Delay(500, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Not within {Within.TotalSeconds:0} s: {what()}");
        }
    }
}
