using System.Text;

namespace Dynamo.Client.Tests;

/// <summary>The object buffer through both clients: the bucket property round-trips, and the stats section is typed.</summary>
public sealed class ObjectBufferClientTests(OneNode node) : IClassFixture<OneNode>
{
    private static CancellationToken Bounded() => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;

    [Theory]
    [InlineData("http")]
    [InlineData("actor")]
    public async Task Object_buffer_set_on_a_bucket_is_read_back_and_can_be_turned_off_again(string transport)
    {
        var client = node.Client(transport);
        var bucket = "buffer-" + transport;
        var on = new DynamoBucketProps(1, 1, 1, DynamoConflictMode.Siblings) { ObjectBuffer = true };

        var set = await client.SetBucketPropsAsync(bucket, on, Bounded());
        var read = await client.GetBucketPropsAsync(bucket, Bounded());
        var off = await client.SetBucketPropsAsync(bucket, on with { ObjectBuffer = false }, Bounded());

        Assert.Equal(on, set);
        Assert.Equal(on, read);
        Assert.False(off.ObjectBuffer);
        Assert.False((await client.GetBucketPropsAsync("never-set-" + transport, Bounded())).ObjectBuffer);
    }

    [Fact]
    public async Task Stats_give_the_object_buffer_section_typed()
    {
        await node.Http.SetBucketPropsAsync("buffer-stats", new DynamoBucketProps(1, 1, 1, DynamoConflictMode.Siblings) { ObjectBuffer = true }, Bounded());
        await node.Http.PutAsync("buffer-stats", "k", Encoding.UTF8.GetBytes("v"), "text/plain", ct: Bounded());

        var stats = await node.Admin.GetStatsAsync(Bounded());

        // One replica per key: the coordinator's own write is always the durable one, so nothing was buffered.
        Assert.DoesNotContain("objectBuffer", stats.SectionErrors.Keys);
        Assert.True(stats.ObjectBuffer!.DurableAcks >= 1, $"expected a durable ack, got {stats.ObjectBuffer}");
        Assert.Equal(0, stats.ObjectBuffer.BufferedAcks);
    }
}
