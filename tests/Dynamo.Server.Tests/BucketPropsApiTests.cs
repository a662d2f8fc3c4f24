using System.Net;

namespace Dynamo.Server.Tests;

/// <summary>Reading and changing bucket properties.</summary>
public sealed class BucketPropsApiTests : IAsyncLifetime
{
    private TestServer _server = null!;

    private HttpClient Client => _server.Client;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(nodeCount: 3, defaults: new(3, 2, 2, Protocol.ConflictMode.Siblings));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact(Timeout = 30_000)]
    public async Task A_bucket_never_set_has_the_defaults()
    {
        using var response = await Client.GetAsync("/buckets/fresh/props");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var props = await Api.JsonOf(response);
        Assert.Equal(3, props.GetProperty("n").GetInt32());
        Assert.Equal(2, props.GetProperty("r").GetInt32());
        Assert.Equal(2, props.GetProperty("w").GetInt32());
        Assert.Equal("siblings", props.GetProperty("conflicts").GetString());
        Assert.Equal(["n", "r", "w", "conflicts", "pw", "pr", "object_buffer"], props.EnumerateObject().Select(p => p.Name));
    }

    [Fact(Timeout = 30_000)]
    public async Task Changed_props_are_answered_and_read_back_and_unnamed_fields_keep_their_values()
    {
        using var put = await Client.SendAsync(Api.Json(HttpMethod.Put, "/buckets/logs/props", "{\"r\": 1, \"conflicts\": \"last-write-wins\"}"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        using var get = await Client.GetAsync("/buckets/logs/props");
        var props = await Api.JsonOf(get);
        Assert.Equal(3, props.GetProperty("n").GetInt32());
        Assert.Equal(1, props.GetProperty("r").GetInt32());
        Assert.Equal(2, props.GetProperty("w").GetInt32());
        Assert.Equal("last-write-wins", props.GetProperty("conflicts").GetString());
        Assert.Equal(props.ToString(), (await Api.JsonOf(put)).ToString());
    }

    [Fact(Timeout = 30_000)]
    public async Task A_three_node_store_serves_reads_and_writes_with_quorums_of_two()
    {
        await Client.PutOkAsync("b", "k", "replicated");

        Assert.Equal("replicated", await Client.GetStringAsync("/buckets/b/keys/k?r=3"));
    }
}
