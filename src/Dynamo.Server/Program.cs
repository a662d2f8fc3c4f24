using Dynamo.Actors.Configuration;
using Dynamo.Storage;
using Dynamo.Actors.Remote;
using Dynamo.Kv.Hosting;
using Dynamo.Server.Cluster;
using Dynamo.Server.Hosting;
using Dynamo.Server.Http;
using Dynamo.Server.Node;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

// The node process: configuration from HOCON layers and the command line, a cluster member (when
// seed nodes are configured) or a single-node store, and the HTTP API on Kestrel. SIGTERM (or Ctrl+C) stops accepting connections, lets
// in-flight requests finish within dynamo.http.shutdown-timeout, then stops the actors and closes storage.

ServerArguments arguments;
try
{
    arguments = ServerArguments.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"dynamo: {e.Message}");
    return 2;
}
if (arguments.Help)
{
    Console.WriteLine(ServerArguments.Usage);
    return 0;
}

void ConfigureLogging(ILoggingBuilder logging)
{
    logging.ClearProviders();
    // One line per request at Information would drown the node's own events; /stats counts requests instead.
    logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
    if (arguments.JsonLogs)
    {
        logging.AddJsonConsole(o => { o.UseUtcTimestamp = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ"; });
    }
    else
    {
        logging.AddSimpleConsole(o => { o.SingleLine = true; o.UseUtcTimestamp = true; o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ "; });
    }
}

using var loggerFactory = LoggerFactory.Create(ConfigureLogging);
var logger = loggerFactory.CreateLogger("Dynamo.Server");
try
{
    var config = ConfigurationFactory.Load(arguments.ConfigFile, arguments.Overrides);
    var http = HttpSettings.FromConfig(config);
    var startedAt = DateTimeOffset.UtcNow;
    WebApplication? app = null;
    IDynamoNode node;
    IAsyncDisposable running;
    NodeFaultInjection? faults = null;
    // The rule documented in reference.conf: seed nodes make a cluster member, none a single-node store.
    if (config.GetStringList("dynamo.cluster.seed-nodes").Count > 0)
    {
        faults = NodeFaultInjection.IsEnabled(config) ? new NodeFaultInjection(config.GetString("dynamo.node.system-name")) : null;
        var kv = await KvNode.StartAsync(ClusterNodeConfig.WithHttpEndpoint(config), FaultInjectionOptions(faults));
        faults?.Attach(kv.Cluster.SelfAddress);
        logger.LogInformation("Cluster node {NodeId} started on {Plugin} storage; joining {Seeds}",
            kv.NodeId, kv.StoragePlugin, string.Join(", ", config.GetStringList("dynamo.cluster.seed-nodes")));
        node = new ClusterDynamoNode(kv, startedAt);
        running = kv;
    }
    else
    {
        var store = await StandaloneStore.StartAsync(config, logger);
        node = store.CreateNode(() => app?.Urls.FirstOrDefault(), startedAt);
        running = store;
    }
    await using var stopLast = running;
    app = DynamoHttpServer.Create(node, http, ConfigureLogging);
    FaultEndpoints.Map(app, faults);
    if (faults is not null) logger.LogWarning("Fault injection is on ({Key}): POST /debug/faults can cut this node off", NodeFaultInjection.ConfigKey);
    await app.StartAsync();
    logger.LogInformation("HTTP API of node {NodeId} listening on {Endpoints}", node.NodeId, string.Join(", ", app.Urls));
    if (arguments.StopOnStdinClose) StdinWatch.Start(app.Lifetime, logger);
    await app.WaitForShutdownAsync();
    await app.DisposeAsync();
    logger.LogInformation("Node {NodeId} stopped serving; stopping actors and closing storage", node.NodeId);
    return 0;
}
catch (ConfigurationException e)
{
    logger.LogCritical("Configuration error: {Error}", e.Message);
    return 1;
}
catch (StorageException e)
{
    logger.LogCritical(e, "Storage cannot be opened: {Error}", e.Message);
    return 1;
}

// Fault injection wraps the TCP transport, whose log lines then go to the node's log directly.
KvNodeOptions? FaultInjectionOptions(NodeFaultInjection? faults) => faults is null ? null : new KvNodeOptions
{
    Remote = new RemoteSystemOptions
    {
        Transport = faults.Transport(entry => logger.Log(entry.Level switch
        {
            RemoteLogLevel.Debug => LogLevel.Debug,
            RemoteLogLevel.Info => LogLevel.Information,
            RemoteLogLevel.Warning => LogLevel.Warning,
            _ => LogLevel.Error,
        }, entry.Exception, "{Message}", entry.Message)),
    },
};
