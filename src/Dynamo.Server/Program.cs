using System.Data.Common;
using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using Dynamo.Configuration;
using Dynamo.Kv.Hosting;
using Dynamo.Server.Cluster;
using Dynamo.Server.Health;
using Dynamo.Server.Hosting;
using Dynamo.Server.Http;
using Dynamo.Server.Node;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// The node process: configuration from HOCON layers and the command line, a cluster member (when seed nodes are
// configured) or a single-node store, and the HTTP API on Kestrel, on one generic host with Akka.Hosting. SIGTERM (or
// Ctrl+C) stops accepting connections, lets in-flight requests finish within dynamo.http.shutdown-timeout, then
// stops the actors and closes storage; a cluster member stays a member (see DynamoHostedService).

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
if (arguments.Probe is { } probe) return await HealthProbe.RunAsync(probe, Console.Out);

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
    var http = HttpSettings.FromConfig(config);
    var startedAt = DateTimeOffset.UtcNow;
    var builder = DynamoHttpServer.CreateBuilder(http, ConfigureLogging);
    NodeFaultInjection? faults = null;
    // The rule documented in reference.conf: seed nodes make a cluster member, none a single-node store.
    bool clustered = config.GetStringList("akka.cluster.seed-nodes").Count > 0;
    if (clustered)
    {
        var systemName = DynamoHosting.SystemNameOf(config);
        faults = NodeFaultInjection.IsEnabled(config) ? new NodeFaultInjection(systemName) : null;
        var member = ClusterNodeConfig.ForClusterMember(NodeFaultInjection.Configure(config));
        var injection = faults;
        var pinning = RemoteTlsPinning.SetupFor(member);
        builder.Services.AddDynamo(systemName, member, akka =>
        {
            akka.AddStartup((system, _) => injection?.Attach(system));
            if (pinning is not null) akka.AddSetup(pinning);
            HealthEndpoints.AddMemberChecks(akka);
        });
        builder.Services.AddSingleton<IDynamoNode>(sp => new ClusterDynamoNode(KvNode.Get(sp.GetRequiredService<ActorSystem>()), startedAt));
    }
    else
    {
        builder.Services.AddStandaloneStore(config, logger, HealthEndpoints.AddStandaloneChecks);
        builder.Services.AddSingleton<IDynamoNode>(sp => sp.GetRequiredService<StandaloneStore>().CreateNode(
            () => sp.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(), startedAt));
    }
    builder.Services.AddHealthChecks();
    // One generic host runs both: Akka.Hosting starts the actor system and the store before Kestrel listens, and
    // stops them after Kestrel has drained its requests.
    var app = DynamoHttpServer.Build(builder);
    FaultEndpoints.Map(app, faults);
    HealthEndpoints.Map(app);
    if (faults is not null) logger.FaultInjectionOn(NodeFaultInjection.ConfigKey);
    await app.StartAsync();
    var node = app.Services.GetRequiredService<IDynamoNode>();
    if (clustered)
    {
        var kv = KvNode.Get(app.Services.GetRequiredService<ActorSystem>());
        logger.ClusterNodeStarted(kv.NodeId, kv.Cluster.SelfAddress.ToString(), kv.StoragePlugin, string.Join(", ", kv.System.Settings.Config.GetStringList("akka.cluster.seed-nodes")));
    }
    logger.Listening(node.NodeId, string.Join(", ", app.Urls));
    if (arguments.StopOnStdinClose) StdinWatch.Start(app.Lifetime, logger);
    await app.WaitForShutdownAsync();
    logger.Stopping(node.NodeId);
    await app.DisposeAsync();
    return 0;
}
catch (ConfigurationException e)
{
    logger.ConfigurationError(e.Message);
    return 1;
}
catch (DbException e)
{
    // The PostgreSQL journal's server refused or could not be reached while the node prepared its schema.
    logger.JournalUnavailable(e, e.Message);
    return 1;
}

// Akka's log events go to the same console as the node's own, through Akka.Hosting's logger.
static Config WithAkkaLogging(Config config) =>
    ConfigurationFactory.ParseString("""akka.loggers = ["Akka.Hosting.Logging.LoggerFactoryLogger, Akka.Hosting"]""").WithFallback(config);
