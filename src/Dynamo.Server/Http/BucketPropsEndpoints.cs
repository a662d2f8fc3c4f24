using Dynamo.Protocol;
using Dynamo.Server.Hosting;
using Dynamo.Server.Node;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dynamo.Server.Http;

/// <summary>
/// <c>/buckets/{bucket}/props</c>: GET reads a bucket's properties in effect, PUT changes some of
/// them and answers the result. Properties are cluster metadata: a PUT through any node answers 200
/// once a majority of the members hold them, and 503 with an unknown outcome when that majority did
/// not confirm in time (gossip may still spread them); a GET answers from the receiving node's replica.
/// </summary>
public static class BucketPropsEndpoints
{
    /// <summary>The route of a bucket's properties.</summary>
    public const string Route = "/buckets/{bucket}/props";

    /// <summary>Maps the bucket-properties routes.</summary>
    public static void Map(IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapGet(Route, GetAsync).WithMetadata(new DynamoOperation("props-get"));
        routes.MapPut(Route, PutAsync).WithMetadata(new DynamoOperation("props-put"));
    }

    private static Task<IResult> GetAsync(string bucket, HttpContext http, IDynamoNode node, HttpSettings settings) =>
        NodeCall.AnswerAsync(node, new GetBucketProps { Bucket = bucket }, settings, isWrite: false, http, Rendered);

    private static async Task<IResult> PutAsync(string bucket, HttpContext http, IDynamoNode node, HttpSettings settings)
    {
        var (document, error) = await JsonBody.ReadObjectAsync(http.Request, settings.MaxJsonBodySize, http.RequestAborted);
        if (document is null)
        {
            return error!;
        }
        using (document)
        {
            object current;
            try
            {
                current = await node.SendAsync(new GetBucketProps { Bucket = bucket }, settings.ReplyTimeout, http.RequestAborted);
            }
            catch (TimeoutException)
            {
                return KvReplies.NoAnswer(settings.ReplyTimeout, isWrite: false);
            }
            if (current is not BucketPropsResult { Props: { } props })
            {
                return current is KvFailure failure ? KvReplies.Failure(failure, isWrite: false) : KvReplies.Unexpected(current);
            }
            var (updated, problem) = BucketPropsJson.Apply(props, document.RootElement);
            if (updated is null)
            {
                return ApiError.BadRequest($"bucket '{bucket}': {problem}");
            }
            // A write: one that missed its majority or got no answer in time may still have been stored.
            return await NodeCall.AnswerAsync(node, new SetBucketProps { Bucket = bucket, Props = updated }, settings, isWrite: true, http, Rendered);
        }
    }

    private static IResult? Rendered(object reply) =>
        reply is BucketPropsResult { Props: { } props } ? Results.Json(BucketPropsJson.Render(props)) : null;
}
