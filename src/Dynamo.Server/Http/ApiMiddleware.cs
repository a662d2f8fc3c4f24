using System.Diagnostics;
using Dynamo.Server.Hosting;
using Dynamo.Server.Stats;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dynamo.Server.Http;

/// <summary>
/// Wraps every request: counts it in <see cref="RequestStats"/> under its <see cref="DynamoOperation"/>,
/// and turns an exception nothing handled into a JSON error, so one bad request never costs more
/// than its own answer.
/// </summary>
public sealed class ApiMiddleware(RequestDelegate next, RequestStats stats, ILogger<ApiMiddleware> logger)
{
    /// <summary>Runs the request.</summary>
    public async Task InvokeAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(http);
        }
        catch (BadHttpRequestException e) when (!http.Response.HasStarted)
        {
            // Kestrel's own limits and framing errors (a body over the server limit, broken chunking).
            await WriteErrorAsync(http, e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? $"request body exceeds the maximum size: {e.Message}"
                : $"bad request: {e.Message}");
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception e) when (!http.Response.HasStarted)
        {
            logger.RequestFailed(e, http.Request.Method, http.Request.Path.ToString());
            await WriteErrorAsync(http, StatusCodes.Status500InternalServerError, $"internal error: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            if (http.GetEndpoint()?.Metadata.GetMetadata<DynamoOperation>() is { } operation)
            {
                stats.Record(operation.Name, http.Response.StatusCode, Stopwatch.GetElapsedTime(started));
            }
        }
    }

    private static Task WriteErrorAsync(HttpContext http, int status, string error)
    {
        http.Response.Clear();
        return ApiError.Of(status, error).ExecuteAsync(http);
    }
}
