using System.Text.Json;
using Dynamo.Protocol;
using Dynamo.Server.Hosting;
using Dynamo.Server.Node;
using Dynamo.Server.Stats;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dynamo.Server.Http;

/// <summary>
/// The operator's endpoints: <c>/cluster</c>, <c>/ring</c>, <c>/stats</c>, <c>/health</c>,
/// <c>POST /cluster/join|leave|down</c> with <c>{"address": "..."}</c>, <c>POST /cluster/down-unreachable</c>, and
/// Cluster.Sharding's own view: <c>/cluster/sharding/regions</c> and <c>/cluster/sharding/{type}/shard-stats</c>.
/// </summary>
public static class ClusterEndpoints
{
    /// <summary>Maps the operator routes.</summary>
    public static void Map(IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapGet("/cluster", async (IDynamoNode node, HttpContext http) => Results.Json(await node.GetClusterViewAsync(http.RequestAborted))).WithMetadata(new DynamoOperation("cluster"));
        routes.MapGet("/ring", RingAsync).WithMetadata(new DynamoOperation("ring"));
        routes.MapGet("/stats", StatsAsync).WithMetadata(new DynamoOperation("stats"));
        routes.MapGet("/health", HealthAsync).WithMetadata(new DynamoOperation("health"));
        routes.MapPost("/cluster/join", (HttpContext http, IDynamoNode node, HttpSettings settings) =>
            ChangeAsync(http, settings, address => node.JoinAsync(address, http.RequestAborted))).WithMetadata(new DynamoOperation("join"));
        routes.MapPost("/cluster/leave", (HttpContext http, IDynamoNode node, HttpSettings settings) =>
            ChangeAsync(http, settings, address => node.LeaveAsync(address, http.RequestAborted))).WithMetadata(new DynamoOperation("leave"));
        routes.MapPost("/cluster/down", (HttpContext http, IDynamoNode node, HttpSettings settings) =>
            ChangeAsync(http, settings, address => node.DownAsync(address, http.RequestAborted))).WithMetadata(new DynamoOperation("down"));
        routes.MapPost("/cluster/down-unreachable", DownUnreachableAsync).WithMetadata(new DynamoOperation("down-unreachable"));
        routes.MapGet("/cluster/sharding/regions", ShardRegionsAsync).WithMetadata(new DynamoOperation("sharding-regions"));
        routes.MapGet("/cluster/sharding/{typeName}/shard-stats", ShardStatsAsync).WithMetadata(new DynamoOperation("shard-stats"));
    }

    private static async Task<IResult> DownUnreachableAsync(IDynamoNode node, HttpContext http)
    {
        var result = await node.DownUnreachableAsync(http.RequestAborted);
        return result.Outcome == OperatorOutcome.Accepted
            ? Results.Json(new { result = "accepted", message = result.Message, downed = result.Downed }, statusCode: StatusCodes.Status202Accepted)
            : ApiError.Of(StatusCodes.Status501NotImplemented, result.Message, ("downed", result.Downed));
    }

    private static async Task<IResult> ShardRegionsAsync(IDynamoNode node, HttpSettings settings, HttpContext http)
    {
        try
        {
            var types = await node.GetShardRegionsAsync(settings.ReplyTimeout, http.RequestAborted);
            return Results.Json(new { node = node.NodeId, types });
        }
        catch (TimeoutException e)
        {
            return ApiError.Of(StatusCodes.Status503ServiceUnavailable, e.Message);
        }
    }

    private static async Task<IResult> ShardStatsAsync(string typeName, IDynamoNode node, HttpSettings settings, HttpContext http)
    {
        ShardStatsView? stats;
        try
        {
            // Every region gets half the reply timeout, and the node's own region waits at most twice that for them.
            stats = await node.GetShardStatsAsync(typeName, settings.ReplyTimeout / 2, http.RequestAborted);
        }
        catch (TimeoutException e)
        {
            return ApiError.Of(StatusCodes.Status503ServiceUnavailable, e.Message, ("typeName", typeName));
        }
        if (stats is not null) return Results.Json(stats);
        List<string>? known;
        try
        {
            known = [.. (await node.GetShardRegionsAsync(settings.ReplyTimeout, http.RequestAborted)).Select(t => t.TypeName)];
        }
        catch (TimeoutException)
        {
            // The type is unknown all the same; only the list of the known ones is missing.
            known = null;
        }
        var error = $"node {node.NodeId} runs no shard region of type '{typeName}'" + known switch
        {
            null => "",
            [] => ": it runs none (its partitions are not sharded)",
            _ => $" (its types: {string.Join(", ", known)})",
        };
        return ApiError.Of(StatusCodes.Status404NotFound, error, ("typeName", typeName), ("types", known));
    }

    private static async Task<IResult> RingAsync(IDynamoNode node, HttpContext http)
    {
        var ring = await node.GetRingAsync(http.RequestAborted);
        return Results.Json(new
        {
            partitionCount = ring.PartitionCount,
            partitions = ring.Owners.Select((owner, partition) => new { partition, owner, host = ring.Hosts.IsEmpty ? null : ring.Hosts[partition] }),
        });
    }

    private static async Task<IResult> StatsAsync(IDynamoNode node, RequestStats stats, HttpSettings settings, HttpContext http)
    {
        object readRepair;
        try
        {
            var repairs = await node.GetReadRepairStatsAsync(settings.ReplyTimeout, http.RequestAborted);
            readRepair = new { stale = repairs.Stale, missing = repairs.Missing, total = repairs.Total };
        }
        catch (TimeoutException e)
        {
            // The other sections come from this process and stay useful while the actors are stuck.
            readRepair = new { error = e.Message };
        }
        return Results.Json(new
        {
            node = await node.GetStatsAsync(http.RequestAborted),
            requests = stats.Counts(),
            latency = stats.Latencies(),
            // The same counts /metrics exports as dynamo_requests: read where the coordinators keep them.
            coordinated = node.Metrics is { } metrics
                ? (object)metrics.RequestCounts()
                : new { error = $"node {node.NodeId} runs no key-value actors in this process" },
            hints = await HintsStatsJson.RenderAsync(node, settings.ReplyTimeout, http.RequestAborted),
            readRepair,
            objectBuffer = await ObjectBufferStatsJson.RenderAsync(node, settings.ReplyTimeout, http.RequestAborted),
            handoff = await node.GetHandoffStatsAsync(http.RequestAborted),
            antiEntropy = await AntiEntropyStatsJson.RenderAsync(node, settings.ReplyTimeout, DateTimeOffset.UtcNow, http.RequestAborted),
        });
    }

    /// <summary>Healthy when the request router answers: the actors run, not merely the web server.</summary>
    private static async Task<IResult> HealthAsync(IDynamoNode node, HttpSettings settings, HttpContext http)
    {
        try
        {
            var reply = await node.SendAsync(new GetBucketProps { Bucket = "health" }, settings.ReplyTimeout, http.RequestAborted);
            return reply is BucketPropsResult
                ? Results.Json(new { status = "ok", node = node.NodeId })
                : ApiError.Of(StatusCodes.Status503ServiceUnavailable, $"the request router answered {reply.GetType().Name}", ("status", "failing"));
        }
        catch (TimeoutException)
        {
            return ApiError.Of(StatusCodes.Status503ServiceUnavailable,
                $"the request router did not answer within {settings.ReplyTimeout.TotalMilliseconds:0} ms", ("status", "failing"));
        }
    }

    private static async Task<IResult> ChangeAsync(HttpContext http, HttpSettings settings, Func<string, Task<OperatorResult>> change)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(http.Request, settings.MaxJsonBodySize, http.RequestAborted);
        if (document is null)
        {
            return error!;
        }
        using (document)
        {
            string? address = null;
            foreach (var field in document.RootElement.EnumerateObject())
            {
                if (field.Name != "address")
                {
                    return ApiError.BadRequest($"unknown field '{field.Name}' (expected address)");
                }
                address = field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString() : null;
            }
            if (string.IsNullOrWhiteSpace(address))
            {
                return ApiError.BadRequest("the body needs \"address\": a member's address as a non-empty string");
            }
            var result = await change(address);
            var status = result.Outcome switch
            {
                OperatorOutcome.Accepted => StatusCodes.Status202Accepted,
                OperatorOutcome.UnknownMember => StatusCodes.Status404NotFound,
                OperatorOutcome.Refused => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status501NotImplemented,
            };
            return result.Outcome == OperatorOutcome.Accepted
                ? Results.Json(new { result = "accepted", message = result.Message, address }, statusCode: status)
                : ApiError.Of(status, result.Message, ("address", address));
        }
    }
}
