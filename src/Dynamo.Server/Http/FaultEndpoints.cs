using System.Text.Json;
using Akka.Actor;
using Dynamo.Server.Cluster;
using Dynamo.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dynamo.Server.Http;

/// <summary>
/// Network fault injection for tests of real processes: <c>GET /debug/faults</c> lists the blackholed
/// peers; <c>POST /debug/faults</c> with <c>{"blackhole": ["host:port", ...]}</c> cuts this node off from
/// those peers, <c>{"heal": true}</c> heals every link (both together: heal, then blackhole). Answers 404
/// unless the node was started with <c>dynamo.node.fault-injection = on</c>.
/// </summary>
public static class FaultEndpoints
{
    /// <summary>Maps the routes; <paramref name="faults"/> is null when fault injection is off.</summary>
    public static void Map(IEndpointRouteBuilder routes, NodeFaultInjection? faults)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapGet("/debug/faults", () => faults is null ? Disabled() : Current(faults))
            .WithMetadata(new DynamoOperation("faults"));
        routes.MapPost("/debug/faults", (HttpContext http, HttpSettings settings) => faults is null ? Task.FromResult(Disabled()) : ChangeAsync(http, settings, faults))
            .WithMetadata(new DynamoOperation("faults-set"));
    }

    private static IResult Disabled() =>
        ApiError.Of(StatusCodes.Status404NotFound, $"fault injection is off on this node; start it with {NodeFaultInjection.ConfigKey} = on");

    private static IResult Current(NodeFaultInjection faults) =>
        Results.Json(new { blackholed = faults.Blackholed.Select(a => a.ToString()) });

    private static async Task<IResult> ChangeAsync(HttpContext http, HttpSettings settings, NodeFaultInjection faults)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(http.Request, settings.MaxJsonBodySize, http.RequestAborted);
        if (document is null)
        {
            return error!;
        }
        using (document)
        {
            var heal = false;
            var peers = new List<Address>();
            var any = false;
            foreach (var field in document.RootElement.EnumerateObject())
            {
                any = true;
                switch (field.Name)
                {
                    case "heal" when field.Value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                        heal = field.Value.GetBoolean();
                        break;
                    case "heal":
                        return ApiError.BadRequest("\"heal\" must be true or false");
                    case "blackhole" when field.Value.ValueKind == JsonValueKind.Array:
                        foreach (var item in field.Value.EnumerateArray())
                        {
                            if (item.ValueKind != JsonValueKind.String)
                            {
                                return ApiError.BadRequest($"\"blackhole\" must list peers as strings, but has {item.ValueKind.ToString().ToLowerInvariant()}");
                            }
                            if (!faults.TryParsePeer(item.GetString()!, out var peer, out var problem))
                            {
                                return ApiError.BadRequest(problem);
                            }
                            peers.Add(peer);
                        }
                        break;
                    case "blackhole":
                        return ApiError.BadRequest("\"blackhole\" must be an array of \"host:port\" strings");
                    default:
                        return ApiError.BadRequest($"unknown field '{field.Name}' (expected blackhole or heal)");
                }
            }
            if (!any)
            {
                return ApiError.BadRequest("the body needs \"blackhole\": [\"host:port\", ...] or \"heal\": true");
            }
            try
            {
                if (heal)
                {
                    await faults.HealAsync();
                }
                await faults.BlackholeAsync(peers);
            }
            catch (InvalidOperationException e)
            {
                return ApiError.Of(StatusCodes.Status503ServiceUnavailable, e.Message);
            }
            return Current(faults);
        }
    }
}
