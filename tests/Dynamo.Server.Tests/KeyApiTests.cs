using System.Net;
using System.Text;
using Dynamo.Server.Http;

namespace Dynamo.Server.Tests;

/// <summary>GET, PUT and DELETE of keys over real HTTP against an in-process store.</summary>
public sealed class KeyApiTests : IAsyncLifetime
{
    private TestServer _server = null!;

    private HttpClient Client => _server.Client;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact(Timeout = 30_000)]
    public async Task A_put_value_is_read_back_with_its_content_type_and_context()
    {
        using var put = await Client.SendAsync(Api.Put("users", "alice", "{\"age\":30}", "application/json"));
        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        var context = Api.ContextOf(put);
        Assert.False(string.IsNullOrEmpty(context));

        using var get = await Client.GetAsync("/buckets/users/keys/alice");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("{\"age\":30}", await get.Content.ReadAsStringAsync());
        Assert.Equal("application/json", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal(context, Api.ContextOf(get));
        Assert.NotNull(get.Content.Headers.LastModified);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_key_never_written_is_404_without_context()
    {
        using var get = await Client.GetAsync("/buckets/users/keys/nobody");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Null(Api.ContextOf(get));
        Assert.False(get.Headers.Contains(DynamoHeaders.Deleted));
        Assert.Contains("not found", (await Api.JsonOf(get)).GetProperty("error").GetString());
    }

    [Fact(Timeout = 30_000)]
    public async Task Two_writes_with_the_same_context_are_answered_300_with_both_siblings()
    {
        var first = await Client.PutOkAsync("carts", "c1", "base");
        await Client.PutOkAsync("carts", "c1", "left", first);
        await Client.PutOkAsync("carts", "c1", "right", first);

        using var get = await Client.GetAsync("/buckets/carts/keys/c1");

        Assert.Equal(HttpStatusCode.MultipleChoices, get.StatusCode);
        var body = await Api.JsonOf(get);
        var values = body.GetProperty("siblings").EnumerateArray()
            .Select(s => Encoding.UTF8.GetString(Convert.FromBase64String(s.GetProperty("value").GetString()!)))
            .Order(StringComparer.Ordinal);
        Assert.Equal(["left", "right"], values);
        Assert.All(body.GetProperty("siblings").EnumerateArray(), s => Assert.Equal("text/plain", s.GetProperty("contentType").GetString()));
        Assert.Equal(Api.ContextOf(get), body.GetProperty("context").GetString());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_write_with_the_merged_context_resolves_the_siblings()
    {
        var first = await Client.PutOkAsync("carts", "c2", "base");
        await Client.PutOkAsync("carts", "c2", "left", first);
        await Client.PutOkAsync("carts", "c2", "right", first);
        using var conflicted = await Client.GetAsync("/buckets/carts/keys/c2");
        var merged = (await Api.JsonOf(conflicted)).GetProperty("context").GetString();

        await Client.PutOkAsync("carts", "c2", "left+right", merged);

        using var get = await Client.GetAsync("/buckets/carts/keys/c2");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("left+right", await get.Content.ReadAsStringAsync());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_deleted_key_is_404_flagged_as_deleted_with_a_context()
    {
        var context = await Client.PutOkAsync("users", "bob", "here");

        using var delete = await Client.SendAsync(Api.Delete("users", "bob", context));
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.NotNull(Api.ContextOf(delete));

        using var get = await Client.GetAsync("/buckets/users/keys/bob");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal("true", get.Headers.GetValues(DynamoHeaders.Deleted).Single());
        Assert.Equal(Api.ContextOf(delete), Api.ContextOf(get));
        Assert.True((await Api.JsonOf(get)).GetProperty("deleted").GetBoolean());
    }

    [Fact(Timeout = 30_000)]
    public async Task Keys_and_buckets_with_escaped_characters_are_distinct_keys()
    {
        await Client.PutOkAsync("b", "a%20b", "spaced");
        await Client.PutOkAsync("b", "a+b", "plus");

        Assert.Equal("spaced", await Client.GetStringAsync("/buckets/b/keys/a%20b"));
        Assert.Equal("plus", await Client.GetStringAsync("/buckets/b/keys/a+b"));
    }
}
