using System.Net;
using System.Text;
using Dynamo.Server.Http;

namespace Dynamo.Server.Tests;

/// <summary>Every malformed request gets a JSON error naming the problem, and the node serves the next request.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private TestServer _server = null!;

    private HttpClient Client => _server.Client;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact(Timeout = 30_000)]
    public async Task A_value_over_the_maximum_with_a_content_length_is_413()
    {
        using var response = await Client.SendAsync(Api.Put("b", "big", new string('x', (int)TestServer.MaxValueSize + 1)));

        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "exceeds the maximum of 65536 bytes");
        Assert.Equal(TestServer.MaxValueSize, (await Api.JsonOf(response)).GetProperty("maxSize").GetInt64());
        await Client.AssertServesAsync();
    }

    [Fact(Timeout = 30_000)]
    public async Task A_chunked_value_over_the_maximum_is_413()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('x', (int)TestServer.MaxValueSize + 1));
        using var request = new HttpRequestMessage(HttpMethod.Put, "/buckets/b/keys/big") { Content = new StreamContent(new UnseekableStream(bytes)) };
        request.Headers.TransferEncodingChunked = true;

        using var response = await Client.SendAsync(request);

        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "exceeds the maximum");
        await Client.AssertServesAsync();
        using var get = await Client.GetAsync("/buckets/b/keys/big");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_value_of_exactly_the_maximum_is_stored()
    {
        await Client.PutOkAsync("b", "full", new string('x', (int)TestServer.MaxValueSize));

        Assert.Equal(TestServer.MaxValueSize, (await Client.GetByteArrayAsync("/buckets/b/keys/full")).Length);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("not base64!")]
    [InlineData("AAAAAAAA")]
    public async Task A_context_that_does_not_decode_is_400(string context)
    {
        using var response = await Client.SendAsync(Api.Put("b", "k", "v", context: context));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid context");
        await Client.AssertServesAsync();
    }

    [Fact(Timeout = 30_000)]
    public async Task A_delete_with_a_broken_context_is_400()
    {
        using var response = await Client.SendAsync(Api.Delete("b", "k", "%%%"));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid context");
        await Client.AssertServesAsync();
    }

    [Theory(Timeout = 30_000)]
    [InlineData("?r=abc")]
    [InlineData("?r=0")]
    [InlineData("?r=5")]
    public async Task A_read_quorum_that_is_not_valid_is_400(string query)
    {
        using var response = await Client.GetAsync("/buckets/b/keys/k" + query);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "r ");
        await Client.AssertServesAsync();
    }

    [Theory(Timeout = 30_000)]
    [InlineData("{\"n\": ", "bad JSON")]
    [InlineData("[1, 2]", "expected an object")]
    [InlineData("{\"n\": 2, \"n\": 3}", "appears twice")]
    public async Task Bucket_props_that_are_not_a_json_object_are_400(string body, string expected)
    {
        using var response = await Client.SendAsync(Api.Json(HttpMethod.Put, "/buckets/b/props", body));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, expected);
        await Client.AssertServesAsync();
    }

    [Theory(Timeout = 30_000)]
    [InlineData("{\"dw\": 1}", "unknown bucket property 'dw'")]
    [InlineData("{\"n\": 0}", "n must be at least 1")]
    [InlineData("{\"n\": -3}", "n must be at least 1")]
    [InlineData("{\"n\": 2.5}", "n must be an integer")]
    [InlineData("{\"n\": \"3\"}", "n must be an integer")]
    [InlineData("{\"n\": 1, \"r\": 2}", "r must be between 1 and n (1)")]
    [InlineData("{\"n\": 2, \"w\": 3}", "w must be between 1 and n (2)")]
    [InlineData("{\"conflicts\": \"newest\"}", "conflicts must be")]
    [InlineData("{\"object_buffer\": \"yes\"}", "object_buffer must be true or false")]
    public async Task Bucket_props_out_of_range_or_unknown_are_400_and_change_nothing(string body, string expected)
    {
        using var response = await Client.SendAsync(Api.Json(HttpMethod.Put, "/buckets/b/props", body));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, expected);
        using var props = await Client.GetAsync("/buckets/b/props");
        Assert.Equal(1, (await Api.JsonOf(props)).GetProperty("n").GetInt32());
        await Client.AssertServesAsync();
    }

    [Fact(Timeout = 30_000)]
    public async Task A_json_body_over_the_maximum_is_413()
    {
        using var response = await Client.SendAsync(Api.Json(HttpMethod.Put, "/buckets/b/props", "{\"n\": 1" + new string(' ', 5000) + "}"));

        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "request body");
        await Client.AssertServesAsync();
    }

    [Theory(Timeout = 30_000)]
    [InlineData("{}", "address")]
    [InlineData("{\"address\": 7}", "address")]
    [InlineData("{\"address\": \"a\", \"force\": true}", "unknown field 'force'")]
    [InlineData("address=a", "bad JSON")]
    public async Task An_operator_call_without_a_proper_address_is_400(string body, string expected)
    {
        using var response = await Client.SendAsync(Api.Json(HttpMethod.Post, "/cluster/down", body));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, expected);
        await Client.AssertServesAsync();
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string expected)
    {
        Assert.Equal(status, response.StatusCode);
        var error = (await Api.JsonOf(response)).GetProperty("error").GetString();
        Assert.Contains(expected, error);
    }

    /// <summary>A body HttpClient cannot measure, so it is sent chunked without a Content-Length.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
