using Akka.Configuration;
using Dynamo.Configuration;

namespace Dynamo.Server.Tests.Docker;

/// <summary>One service of docker/docker-compose.yml with the configuration its node would run with.</summary>
/// <param name="Name">The service's key under <c>services</c>.</param>
/// <param name="Hostname">Its <c>hostname</c>, the name other services reach it by.</param>
/// <param name="Environment">Its <c>environment</c> variables.</param>
/// <param name="Ports">Its published ports, host and container.</param>
/// <param name="Volumes">Its mounts: a named volume or a path relative to docker/, and the container path.</param>
/// <param name="Command">Arguments after the image's entrypoint (<c>command</c>); empty when the service gives none.</param>
/// <param name="HealthCheck">The health check's <c>test</c>, e.g. <c>CMD dotnet ... --probe URL</c>.</param>
internal sealed record ComposeService(
    string Name,
    string Hostname,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<(int Host, int Container)> Ports,
    IReadOnlyList<(string Source, string Target)> Volumes,
    IReadOnlyList<string> Command,
    IReadOnlyList<string> HealthCheck)
{
    /// <summary>Where the node reads its node file; docker/entrypoint.sh passes this to --config.</summary>
    public const string ConfigTarget = "/etc/dynamo/node.conf";

    /// <summary>Reads every service of a parsed compose file, failing on any missing or malformed field.</summary>
    public static IReadOnlyList<ComposeService> All(Dictionary<string, object> compose) =>
        [.. Map(compose, "services", "file").Select(s => From(s.Key, (Dictionary<string, object>)s.Value))];

    /// <summary>The repository path of the node file mounted at <see cref="ConfigTarget"/>.</summary>
    public string ConfigFile()
    {
        var mounts = Volumes.Where(v => v.Target == ConfigTarget).ToList();
        Assert.True(mounts.Count == 1, $"service {Name} must mount exactly one file at {ConfigTarget}");
        string source = mounts[0].Source;
        Assert.True(source.StartsWith("./", StringComparison.Ordinal) || source.StartsWith("../", StringComparison.Ordinal),
            $"service {Name} mounts '{source}', not a path relative to docker/");
        return Path.GetFullPath(Path.Combine(RepositoryFiles.PathOf("docker"), source));
    }

    /// <summary>
    /// The node's configuration: its DYNAMO_* and AKKA_* variables (read by the configuration layer
    /// itself), then the mounted node file, then reference.conf.
    /// </summary>
    public Config LoadConfig()
    {
        var file = ConfigFile();
        return DynamoConfig.FromEnvironment(Environment)
            .WithFallback(DynamoConfig.Parse(File.ReadAllText(file), file))
            .WithFallback(DynamoConfig.Reference());
    }

    private static ComposeService From(string name, Dictionary<string, object> service)
    {
        string where = $"service {name}";
        var environment = Map(service, "environment", where).ToDictionary(e => e.Key, e => Text(e.Value, $"{where} environment {e.Key}"));
        var ports = List(service, "ports", where).Select(p =>
        {
            string[] parts = Text(p, $"{where} ports").Split(':');
            if (parts.Length != 2 || !int.TryParse(parts[0], out int host) || !int.TryParse(parts[1], out int container))
                throw new FormatException($"{where}: port '{p}' is not HOST:CONTAINER");
            return (host, container);
        }).ToList();
        var volumes = List(service, "volumes", where).Select(v =>
        {
            string[] parts = Text(v, $"{where} volumes").Split(':');
            if (parts.Length is < 2 or > 3 || (parts.Length == 3 && parts[2] is not ("ro" or "rw")))
                throw new FormatException($"{where}: volume '{v}' is not SOURCE:TARGET[:ro|rw]");
            return (parts[0], parts[1]);
        }).ToList();
        var command = service.ContainsKey("command") ? List(service, "command", where).Select(c => Text(c, $"{where} command")).ToList() : [];
        var healthCheck = List(Map(service, "healthcheck", where), "test", $"{where} healthcheck").Select(t => Text(t, $"{where} healthcheck test")).ToList();
        return new ComposeService(name, Text(service.GetValueOrDefault("hostname") ?? "", $"{where} hostname"), environment, ports, volumes, command, healthCheck);
    }

    private static Dictionary<string, object> Map(Dictionary<string, object> parent, string key, string where) =>
        parent.GetValueOrDefault(key) as Dictionary<string, object> ?? throw new FormatException($"{where}: '{key}' must be a mapping");

    private static List<object> List(Dictionary<string, object> parent, string key, string where) =>
        parent.GetValueOrDefault(key) as List<object> ?? throw new FormatException($"{where}: '{key}' must be a sequence");

    private static string Text(object value, string where) =>
        value as string ?? throw new FormatException($"{where}: expected a scalar");
}
