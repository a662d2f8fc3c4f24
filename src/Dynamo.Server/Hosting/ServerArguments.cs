using System.Collections.Immutable;
using System.Text.Json;

namespace Dynamo.Server.Hosting;

/// <summary>
/// The node process's command line, turned into a node file and HOCON override lines (the
/// highest-priority configuration layer).
/// </summary>
/// <param name="ConfigFile">The node file given with <c>--config</c>, if any.</param>
/// <param name="Overrides">HOCON lines, later ones winning.</param>
/// <param name="JsonLogs">Whether <c>--log-format json</c> asked for one JSON object per log line.</param>
/// <param name="Help">Whether <c>--help</c> was given.</param>
public sealed partial record ServerArguments(string? ConfigFile, ImmutableArray<string> Overrides, bool JsonLogs, bool Help)
{
    /// <summary>What <c>--help</c> prints.</summary>
    public const string Usage = """
        Usage: Dynamo.Server [options]
          --config <file>       node configuration file (HOCON), layered over the reference configuration
          --host <name>         host name or IP address to listen on and advertise (HTTP and remoting)
          --http-port <port>    HTTP API port (dynamo.http.port)
          --port <port>         remoting port (akka.remote.dot-netty.tcp.port)
          --seed <address>      a seed node (akka.cluster.seed-nodes), as akka.tcp://dynamo@host:port or host:port;
                                repeat for several
          --data-dir <dir>      data directory of the SQLite storage (dynamo.persistence.sqlite.data-directory)
          --set <key>=<value>   any configuration key, as a HOCON line
          --log-format <fmt>    simple (default) or json
          --stop-on-stdin-close stop gracefully when standard input reaches its end (the parent that started the node is gone)
          --probe <url>         start no node: GET the URL (e.g. http://127.0.0.1:8098/health/ready), exit 0 on 2xx, else 1
          --help                this text
        Environment variables DYNAMO_* and AKKA_* override the node file; these options override both.
        """;

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <exception cref="ArgumentException">An option is unknown, lacks its value, or has an invalid one; the message names it.</exception>
    public static ServerArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? configFile = null;
        var overrides = ImmutableArray.CreateBuilder<string>();
        var seeds = new List<string>();
        var json = false;
        var help = false;
        var stopOnStdinClose = false;
        string? probe = null;
        for (var i = 0; i < args.Count; i++)
        {
            var option = args[i];
            switch (option)
            {
                case "--help" or "-h":
                    help = true;
                    break;
                case "--config":
                    configFile = Value(args, ref i);
                    break;
                case "--host":
                    var host = Quote(Value(args, ref i));
                    overrides.Add($"dynamo.http.hostname = {host}");
                    overrides.Add($"akka.remote.dot-netty.tcp.hostname = {host}");
                    break;
                case "--http-port":
                    overrides.Add($"dynamo.http.port = {Port(option, Value(args, ref i))}");
                    break;
                case "--port":
                    overrides.Add($"akka.remote.dot-netty.tcp.port = {Port(option, Value(args, ref i))}");
                    break;
                case "--seed":
                    seeds.Add(Seed(Value(args, ref i)));
                    break;
                case "--data-dir":
                    overrides.Add($"dynamo.persistence.sqlite.data-directory = {Quote(Value(args, ref i))}");
                    break;
                case "--set":
                    var line = Value(args, ref i);
                    if (!line.Contains('=')) throw new ArgumentException($"--set expects <key>=<value>, but got '{line}'");
                    overrides.Add(line);
                    break;
                case "--stop-on-stdin-close":
                    stopOnStdinClose = true;
                    break;
                case "--probe":
                    probe = ProbeUrl(Value(args, ref i));
                    break;
                case "--log-format":
                    json = Value(args, ref i) switch
                    {
                        "simple" => false,
                        "json" => true,
                        var other => throw new ArgumentException($"--log-format must be simple or json, but was '{other}'"),
                    };
                    break;
                default:
                    throw new ArgumentException($"unknown option '{option}' (see --help)");
            }
        }
        if (seeds.Count > 0)
        {
            overrides.Add($"akka.cluster.seed-nodes = [{string.Join(", ", seeds.Select(Quote))}]");
        }
        return new ServerArguments(configFile, overrides.ToImmutable(), json, help) { StopOnStdinClose = stopOnStdinClose, Probe = probe };
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        var option = args[i];
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"{option} needs a value");
        }
        return args[++i];
    }

    // A seed is a full address or host:port; the latter is completed at start with this node's scheme and
    // system name (ClusterNodeConfig), which depend on settings that may come later on the command line.
    private static string Seed(string text)
    {
        if (text.Contains("://", StringComparison.Ordinal))
        {
            return Akka.Actor.Address.TryParse(text, out var address) && address.HasGlobalScope
                ? text
                : throw new ArgumentException($"--seed must be akka.tcp://system@host:port or host:port, but was '{text}'");
        }
        int colon = text.LastIndexOf(':');
        return colon > 0 && int.TryParse(text.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
               && port is >= 1 and <= 65535
            ? text
            : throw new ArgumentException($"--seed must be akka.tcp://system@host:port or host:port, but was '{text}'");
    }

    private static int Port(string option, string text) =>
        int.TryParse(text, out var port) && port is >= 0 and <= 65535
            ? port
            : throw new ArgumentException($"{option} must be a port between 0 and 65535, but was '{text}'");

    // A HOCON quoted string is a JSON string.
    private static string Quote(string text) => JsonSerializer.Serialize(text);
}
