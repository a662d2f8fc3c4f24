using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dynamo.Server.Http;

namespace Dynamo.Server.Tests;

/// <summary>Requests of the HTTP API with string values, for readable tests.</summary>
internal static class Api
{
    public static HttpRequestMessage Put(string bucket, string key, string value, string contentType = "text/plain", string? context = null, string query = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/buckets/{bucket}/keys/{key}{query}")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(value)),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (context is not null) request.Headers.TryAddWithoutValidation(DynamoHeaders.Context, context);
        return request;
    }

    public static HttpRequestMessage Delete(string bucket, string key, string? context)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, $"/buckets/{bucket}/keys/{key}");
        if (context is not null) request.Headers.TryAddWithoutValidation(DynamoHeaders.Context, context);
        return request;
    }

    public static HttpRequestMessage Json(HttpMethod method, string path, string json) =>
        new(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static async Task<string> PutOkAsync(this HttpClient client, string bucket, string key, string value, string? context = null)
    {
        using var response = await client.SendAsync(Put(bucket, key, value, context: context));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        return ContextOf(response) ?? throw new Xunit.Sdk.XunitException("a put answered no context");
    }

    public static string? ContextOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues(DynamoHeaders.Context, out var values) ? values.Single() : null;

    public static async Task<JsonElement> JsonOf(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Asserts the node still serves: a fresh key is written and read back.</summary>
    public static async Task AssertServesAsync(this HttpClient client)
    {
        var key = "after-" + Guid.NewGuid().ToString("N");
        await client.PutOkAsync("check", key, "still here");
        using var response = await client.GetAsync($"/buckets/check/keys/{key}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("still here", await response.Content.ReadAsStringAsync());
    }
}
