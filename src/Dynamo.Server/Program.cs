using System.Data.Common;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Hosting.Logging;
using Dynamo.Configuration;
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
    var config = WithAkkaLogging(DynamoConfig.Load(arguments.ConfigFile, arguments.Overrides));
    Setup[] setups = [new LoggerFactorySetup(loggerFactory)];
    var http = HttpSettings.FromConfig(config);
    var startedAt = DateTimeOffset.UtcNow;
    WebApplication? app = null;
    IDynamoNode node;
    IAsyncDisposable running;
    NodeFaultInjection? faults = null;
    // The rule documented in reference.conf: seed nodes make a cluster member, none a single-node store.
    if (config.GetStringList("akka.cluster.seed-nodes").Count > 0)
    {
        var systemName = config.GetConfig("dynamo.node").ReadString("dynamo.node", "system-name");
        faults = NodeFaultInjection.IsEnabled(config) ? new NodeFaultInjection(systemName) : null;
        var member = ClusterNodeConfig.ForClusterMember(NodeFaultInjection.Configure(config));
        var kv = await KvNode.StartAsync(member, new KvNodeOptions { Setups = setups });
        faults?.Attach(kv.System);
        logger.LogInformation("Cluster node {NodeId} ({Address}) started on {Plugin} storage; joining {Seeds}",
            kv.NodeId, kv.Cluster.SelfAddress, kv.StoragePlugin, string.Join(", ", member.GetStringList("akka.cluster.seed-nodes")));
        node = new ClusterDynamoNode(kv, startedAt);
        running = kv;
    }
    else
    {
        var store = await StandaloneStore.StartAsync(config, logger, setups);
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
    logger.LogInformation("Node {NodeId} stopped serving; stopping actors and closing the journal", node.NodeId);
    return 0;
}
catch (ConfigurationException e)
{
    logger.LogCritical("Configuration error: {Error}", e.Message);
    return 1;
}
catch (DbException e)
{
    // The PostgreSQL journal's server refused or could not be reached while the node prepared its schema.
    logger.LogCritical(e, "The journal's database cannot be opened: {Error}", e.Message);
    return 1;
}

// Akka's log events go to the same console as the node's own, through Akka.Hosting's logger.
static Config WithAkkaLogging(Config config) =>
    ConfigurationFactory.ParseString("""akka.loggers = ["Akka.Hosting.Logging.LoggerFactoryLogger, Akka.Hosting"]""").WithFallback(config);
