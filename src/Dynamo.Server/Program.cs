using Dynamo.Actors.Configuration;
using Dynamo.Actors.Persistence;
using Dynamo.Server.Hosting;
using Dynamo.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

// The node process: configuration from HOCON layers and the command line, a single-node store in
// this process, and the HTTP API on Kestrel. SIGTERM (or Ctrl+C) stops accepting connections, lets
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
    if (config.GetStringList("dynamo.cluster.seed-nodes").Count > 0)
    {
        logger.LogWarning("This build runs a single-node store: dynamo.cluster.seed-nodes is ignored");
    }

    await using var store = await StandaloneStore.StartAsync(config, logger);
    WebApplication? app = null;
    var node = store.CreateNode(() => app?.Urls.FirstOrDefault(), DateTimeOffset.UtcNow);
    app = DynamoHttpServer.Create(node, http, ConfigureLogging);
    await app.StartAsync();
    logger.LogInformation("HTTP API of node {NodeId} listening on {Endpoints}", node.NodeId, string.Join(", ", app.Urls));
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
