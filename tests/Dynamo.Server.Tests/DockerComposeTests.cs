using Akka.Configuration;
using Dynamo.Kv;
using Dynamo.Kv.Persistence;
using Dynamo.Server.Health;
using Dynamo.Server.Hosting;
using Dynamo.Server.Tests.Docker;

namespace Dynamo.Server.Tests;

/// <summary>
/// docker/docker-compose.yml, docker/Dockerfile and the node files checked against each other
/// and the configuration layer, since no Docker engine runs where the tests do.
/// </summary>
public sealed class DockerComposeTests
{
    private static readonly Dictionary<string, object> Compose =
        ComposeYaml.Parse(File.ReadAllText(RepositoryFiles.PathOf("docker/docker-compose.yml")));

    private static readonly IReadOnlyList<ComposeService> Services = ComposeService.All(Compose);

    private static IEnumerable<(ComposeService Service, Config Config)> Configured() =>
        Services.Select(s => (s, s.LoadConfig()));

    [Fact]
    public void Compose_file_defines_five_nodes_named_after_their_hostnames()
    {
        Assert.Equal(["node1", "node2", "node3", "node4", "node5"], Services.Select(s => s.Name).Order());
        Assert.All(Services, s => Assert.Equal(s.Name, s.Hostname));
    }

    [Fact]
    public void Every_service_config_file_exists_and_binds_to_cluster_settings()
    {
        foreach (var (service, config) in Configured())
        {
            Assert.True(File.Exists(service.ConfigFile()), $"{service.Name}: {service.ConfigFile()} is missing");
            var remote = MemberAddressing.FromConfig(config);
            HttpSettings.FromConfig(config);
            KvSettings.FromConfig(config);
            Assert.Equal(service.Hostname, remote.Hostname);
            Assert.NotEqual(0, remote.Port);
            Assert.NotEmpty(remote.SeedNodes);
            Assert.Equal("sqlite", JournalConfig.PluginOf(config));
        }
    }

    [Fact]
    public void Seeds_name_existing_services_on_their_remoting_port()
    {
        var byName = Configured().ToDictionary(c => c.Service.Hostname, c => c.Config);
        foreach (var (service, config) in Configured())
        {
            foreach (var seed in MemberAddressing.FromConfig(config).SeedNodes)
            {
                Assert.True(seed.Host is not null && byName.ContainsKey(seed.Host), $"{service.Name}: seed {seed} names no service");
                var seedConfig = byName[seed.Host!];
                Assert.Equal(MemberAddressing.FromConfig(seedConfig).Port, seed.Port);
                Assert.Equal(seedConfig.GetString("dynamo.node.system-name"), seed.System);
                // TLS between the nodes of the compose network: the scheme a member with TLS and no throttler has.
                Assert.Equal("akka.ssl.tcp", seed.Protocol);
            }
        }
    }

    [Fact]
    public void Published_http_ports_are_distinct_and_reach_the_configured_port()
    {
        var published = new List<int>();
        foreach (var (service, config) in Configured())
        {
            var http = HttpSettings.FromConfig(config);
            var port = Assert.Single(service.Ports);
            Assert.Equal(http.Port, port.Container);
            Assert.Equal("0.0.0.0", http.Hostname);
            published.Add(port.Host);
        }
        Assert.Equal(published.Count, published.Distinct().Count());
    }

    [Fact]
    public void Every_node_keeps_its_data_on_its_own_declared_volume()
    {
        var declared = Compose.GetValueOrDefault("volumes") as Dictionary<string, object>
            ?? throw new FormatException("docker-compose.yml: top-level 'volumes' must be a mapping");
        var sources = new List<string>();
        foreach (var (service, config) in Configured())
        {
            string dataDirectory = DataDirectoryOf(config);
            var mount = service.Volumes.SingleOrDefault(v => v.Target == dataDirectory);
            Assert.True(mount != default, $"{service.Name}: nothing mounted at the data directory '{dataDirectory}'");
            Assert.True(declared.ContainsKey(mount.Source), $"{service.Name}: volume '{mount.Source}' is not declared");
            sources.Add(mount.Source);
        }
        Assert.Equal(sources.Count, sources.Distinct().Count());
    }

    [Fact]
    public void Dockerfile_exposes_the_configured_ports_and_its_entrypoint_exists()
    {
        string[] dockerfile = File.ReadAllLines(RepositoryFiles.PathOf("docker/Dockerfile"));
        var exposed = dockerfile.Where(l => l.StartsWith("EXPOSE ", StringComparison.Ordinal))
            .SelectMany(l => l["EXPOSE ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(int.Parse).Order().ToList();
        var configured = Configured()
            .SelectMany(c => new[] { HttpSettings.FromConfig(c.Config).Port, MemberAddressing.FromConfig(c.Config).Port })
            .Distinct().Order().ToList();
        Assert.Equal(configured, exposed);

        string entrypoint = Assert.Single(dockerfile, l => l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal));
        string target = entrypoint["ENTRYPOINT ".Length..].Trim().TrimStart('[').TrimEnd(']').Trim('"');
        string copy = Assert.Single(dockerfile, l => l.StartsWith("COPY ", StringComparison.Ordinal) && l.EndsWith(" " + target, StringComparison.Ordinal));
        string source = copy.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^2];
        Assert.True(File.Exists(RepositoryFiles.PathOf(source)), $"entrypoint source {source} is missing");
        Assert.Contains($"--config {ComposeService.ConfigTarget}", File.ReadAllText(RepositoryFiles.PathOf(source)));

        var volumes = dockerfile.Where(l => l.StartsWith("VOLUME ", StringComparison.Ordinal)).Select(l => l["VOLUME ".Length..].Trim());
        var dataDirectories = Configured().Select(c => DataDirectoryOf(c.Config)).Distinct();
        Assert.Equal(dataDirectories, volumes);
    }

    [Fact]
    public void Every_node_talks_tls_pinning_the_one_certificate_on_a_shared_volume()
    {
        var declared = Compose.GetValueOrDefault("volumes") as Dictionary<string, object>
            ?? throw new FormatException("docker-compose.yml: top-level 'volumes' must be a mapping");
        var certificateVolumes = new List<string>();
        foreach (var (service, config) in Configured())
        {
            Assert.True(config.GetBoolean("akka.remote.dot-netty.tcp.enable-ssl"), $"{service.Name}: TLS is off");
            Assert.False(config.GetBoolean("akka.remote.dot-netty.tcp.ssl.suppress-validation"), $"{service.Name}: accepts any certificate");
            Assert.True(config.GetBoolean("akka.remote.dot-netty.tcp.ssl.require-mutual-authentication", true), $"{service.Name}: no mutual authentication");
            Assert.True(config.GetBoolean("dynamo.node.tls.pin-own-certificate"), $"{service.Name}: does not pin its certificate");
            Assert.NotEmpty(config.GetString("akka.remote.dot-netty.tcp.ssl.certificate.password"));
            string path = config.GetString("akka.remote.dot-netty.tcp.ssl.certificate.path");
            var mount = service.Volumes.SingleOrDefault(v => path.StartsWith(v.Target + "/", StringComparison.Ordinal));
            Assert.True(mount != default, $"{service.Name}: the certificate {path} is on no volume");
            Assert.True(declared.ContainsKey(mount.Source), $"{service.Name}: the certificate's volume '{mount.Source}' is not a declared named volume");
            certificateVolumes.Add(mount.Source);
            // The entrypoint generates the certificate from these variables, so they must be set where it reads them.
            Assert.Equal(path, service.Environment["AKKA_REMOTE__DOT_NETTY__TCP__SSL__CERTIFICATE__PATH"]);
            Assert.Equal("true", service.Environment["AKKA_REMOTE__DOT_NETTY__TCP__ENABLE_SSL"]);
        }
        // One certificate for all: every node pins its own, so they must be the same file.
        Assert.Single(certificateVolumes.Distinct());
    }

    [Fact]
    public void Health_checks_probe_the_readiness_endpoint_of_the_node_in_the_image()
    {
        string[] dockerfile = Instructions(File.ReadAllLines(RepositoryFiles.PathOf("docker/Dockerfile")));
        string publish = Assert.Single(dockerfile, l => l.StartsWith("RUN dotnet publish ", StringComparison.Ordinal));
        string appFolder = publish.Split(' ')[^1];
        string imageCheck = Assert.Single(dockerfile, l => l.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));
        var imageTest = System.Text.Json.JsonSerializer.Deserialize<string[]>(imageCheck[(imageCheck.IndexOf(" CMD ", StringComparison.Ordinal) + 5)..])!;
        foreach (var (service, config) in Configured())
        {
            Assert.Equal("CMD", service.HealthCheck[0]);
            Assert.Equal(imageTest, service.HealthCheck.Skip(1));
            Assert.Equal(["dotnet", $"{appFolder}/Dynamo.Server.dll"], service.HealthCheck.Skip(1).Take(2));
            var probe = ServerArguments.Parse([.. service.HealthCheck.Skip(3)]).Probe;
            Assert.NotNull(probe);
            var url = new Uri(probe);
            Assert.Equal(HealthEndpoints.ReadyPath, url.AbsolutePath);
            Assert.True(url.IsLoopback, $"{service.Name}: the check probes {url}, not the container itself");
            Assert.Equal(HttpSettings.FromConfig(config).Port, url.Port);
        }
    }

    [Fact]
    public void Compose_reader_rejects_what_it_does_not_understand()
    {
        Assert.Throws<FormatException>(() => ComposeYaml.Parse("services:\n  a: [1, 2]\n"));
        Assert.Throws<FormatException>(() => ComposeYaml.Parse("services:\n\ta: b\n"));
        Assert.Throws<FormatException>(() => ComposeYaml.Parse("a: b\na: c\n"));
        Assert.Throws<FormatException>(() => ComposeYaml.Parse("a: b # note\n"));
    }

    private static string DataDirectoryOf(Config config) => config.GetString("dynamo.persistence.sqlite.data-directory");

    // Dockerfile instructions with their continuation lines (ending in a backslash) joined.
    private static string[] Instructions(string[] lines)
    {
        var joined = new List<string>();
        var current = "";
        foreach (var line in lines)
        {
            current += line.TrimEnd().TrimEnd('\\').Trim() + " ";
            if (line.TrimEnd().EndsWith('\\')) continue;
            joined.Add(current.Trim());
            current = "";
        }
        return [.. joined];
    }
}
