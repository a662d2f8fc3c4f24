using Microsoft.Extensions.Logging;

namespace Dynamo.Server.Hosting;

/// <summary>
/// The node process's own log events, source-generated (<see cref="LoggerMessageAttribute"/>): no boxing, no parsing
/// of the template at run time and nothing done below the enabled level, which matters on the request path. Each has
/// a fixed event id, so a JSON log (<c>--log-format json</c>) can be filtered by it. The actors log through Akka's
/// logging adapter, whose events reach the same providers through Akka.Hosting's <c>LoggerFactoryLogger</c>.
/// </summary>
internal static partial class NodeLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Cluster node {NodeId} ({Address}) started on {Plugin} storage; joining {Seeds}")]
    public static partial void ClusterNodeStarted(this ILogger logger, string nodeId, string address, string plugin, string seeds);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Single-node store {NodeId} started on {Plugin} storage with {Partitions} partitions")]
    public static partial void SingleNodeStarted(this ILogger logger, string nodeId, string plugin, int partitions);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "A single-node store lowers the reference bucket defaults n={N}, r={R}, w={W} to 1; set dynamo.kv.bucket-defaults to choose otherwise")]
    public static partial void BucketDefaultsLowered(this ILogger logger, int n, int r, int w);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "HTTP API of node {NodeId} listening on {Endpoints}")]
    public static partial void Listening(this ILogger logger, string nodeId, string endpoints);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Node {NodeId} stopped serving; stopping actors and closing the journal")]
    public static partial void Stopping(this ILogger logger, string nodeId);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Fault injection is on ({Key}): POST /debug/faults can cut this node off")]
    public static partial void FaultInjectionOn(this ILogger logger, string key);

    [LoggerMessage(EventId = 7, Level = LogLevel.Critical, Message = "Configuration error: {Error}")]
    public static partial void ConfigurationError(this ILogger logger, string error);

    [LoggerMessage(EventId = 8, Level = LogLevel.Critical, Message = "The journal's database cannot be opened: {Error}")]
    public static partial void JournalUnavailable(this ILogger logger, Exception exception, string error);

    [LoggerMessage(EventId = 9, Level = LogLevel.Error, Message = "Request {Method} {Path} failed")]
    public static partial void RequestFailed(this ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Standard input closed: the parent process is gone; stopping")]
    public static partial void StdinClosed(this ILogger logger);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Standard input failed ({Error}); treating it as closed")]
    public static partial void StdinFailed(this ILogger logger, string error);
}
