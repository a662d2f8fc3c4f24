using System.Text;
using Dynamo.Protocol;
using Dynamo.Server.Hosting;
using Dynamo.Server.Node;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace Dynamo.Server.Http;

/// <summary>
/// <c>/buckets/{bucket}/keys/{key}</c>: GET, PUT and DELETE of one key, shaped like Riak's HTTP
/// API. Keys and bucket names are the UTF-8 bytes of the decoded path segments.
/// </summary>
public static class KeyEndpoints
{
    /// <summary>The route of a key.</summary>
    public const string Route = "/buckets/{bucket}/keys/{key}";

    /// <summary>Maps the key routes.</summary>
    public static void Map(IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapGet(Route, GetAsync).WithMetadata(new DynamoOperation("get"));
        routes.MapPut(Route, PutAsync).WithMetadata(new DynamoOperation("put"));
        routes.MapDelete(Route, DeleteAsync).WithMetadata(new DynamoOperation("delete"));
    }

    private static async Task<IResult> GetAsync(string bucket, string key, HttpContext http, IDynamoNode node, HttpSettings settings)
    {
        if (!QuorumParameter.TryRead(http.Request, "r", out var r, out var error))
        {
            return error!;
        }
        var get = new Get { Bucket = bucket, Key = KeyBytes(key) };
        if (r is { } quorum) get.R = quorum;

        return await NodeCall.AnswerAsync(node, get, settings, isWrite: false, http, reply => reply switch
        {
            GetResult found => Found(found, bucket, key, http.Response),
            _ => null,
        });
    }

    private static async Task<IResult> PutAsync(string bucket, string key, HttpContext http, IDynamoNode node, HttpSettings settings)
    {
        if (!QuorumParameter.TryRead(http.Request, "w", out var w, out var error) || !TryContext(http.Request, out var context, out error))
        {
            return error!;
        }
        // Refused from the declared length before reading: a client streaming a huge value learns at once.
        if (RequestBody.DeclaresMoreThan(http.Request, settings.MaxValueSize))
        {
            return ApiError.TooLarge("value", http.Request.ContentLength, settings.MaxValueSize);
        }
        var value = await RequestBody.ReadAtMostAsync(http.Request, settings.MaxValueSize, http.RequestAborted);
        if (value is null)
        {
            return ApiError.TooLarge("value", null, settings.MaxValueSize);
        }
        var put = new Put
        {
            Bucket = bucket,
            Key = KeyBytes(key),
            Context = context,
            Value = ByteString.CopyFrom(value),
            ContentType = http.Request.ContentType ?? "",
        };
        if (w is { } quorum) put.W = quorum;

        return await NodeCall.AnswerAsync(node, put, settings, isWrite: true, http, reply => reply switch
        {
            PutResult stored => WithContext(http.Response, stored.Context, Results.NoContent()),
            _ => null,
        });
    }

    private static async Task<IResult> DeleteAsync(string bucket, string key, HttpContext http, IDynamoNode node, HttpSettings settings)
    {
        if (!QuorumParameter.TryRead(http.Request, "w", out var w, out var error) || !TryContext(http.Request, out var context, out error))
        {
            return error!;
        }
        var delete = new Delete { Bucket = bucket, Key = KeyBytes(key), Context = context };
        if (w is { } quorum) delete.W = quorum;

        return await NodeCall.AnswerAsync(node, delete, settings, isWrite: true, http, reply => reply switch
        {
            DeleteResult deleted => WithContext(http.Response, deleted.Context, Results.NoContent()),
            _ => null,
        });
    }

    private static IResult Found(GetResult result, string bucket, string key, HttpResponse response)
    {
        switch (result.Status)
        {
            case ObjectStatus.Found when result.Siblings.Count == 1:
                var sibling = result.Siblings[0];
                response.Headers.LastModified = HeaderUtilities.FormatDate(DateTimeOffset.FromUnixTimeMilliseconds(sibling.LastModified));
                return WithContext(response, result.Context,
                    Results.Bytes(sibling.Value.ToByteArray(), string.IsNullOrEmpty(sibling.ContentType) ? "application/octet-stream" : sibling.ContentType));
            case ObjectStatus.Found:
                return WithContext(response, result.Context, Results.Json(
                    new SiblingsBody(CausalContextHeader.Encode(result.Context),
                        [.. result.Siblings.Select(s => new SiblingBody(s.ContentType, Convert.ToBase64String(s.Value.Span), s.LastModified))]),
                    statusCode: StatusCodes.Status300MultipleChoices));
            case ObjectStatus.Deleted:
                response.Headers[DynamoHeaders.Deleted] = "true";
                return WithContext(response, result.Context,
                    ApiError.Of(StatusCodes.Status404NotFound, $"key '{key}' in bucket '{bucket}' was deleted", ("deleted", true)));
            default:
                return ApiError.Of(StatusCodes.Status404NotFound, $"key '{key}' not found in bucket '{bucket}'", ("deleted", false));
        }
    }

    private static IResult WithContext(HttpResponse response, ByteString context, IResult result)
    {
        if (!context.IsEmpty)
        {
            response.Headers[DynamoHeaders.Context] = CausalContextHeader.Encode(context);
        }
        return result;
    }

    private static bool TryContext(HttpRequest request, out ByteString context, out IResult? error)
    {
        error = null;
        var header = request.Headers[DynamoHeaders.Context];
        if (header.Count > 1)
        {
            context = ByteString.Empty;
            error = ApiError.BadRequest($"invalid context: {DynamoHeaders.Context} was given {header.Count} times");
            return false;
        }
        if (!CausalContextHeader.TryDecode(header.ToString(), out context, out var problem))
        {
            error = ApiError.BadRequest($"invalid context: {problem}");
            return false;
        }
        return true;
    }

    private static ByteString KeyBytes(string key) => ByteString.CopyFrom(Encoding.UTF8.GetBytes(key));
}
