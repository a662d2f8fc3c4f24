using Akka.Actor;
using Akka.TestKit;
using Dynamo.Kv.Batching;
using Dynamo.Kv.Coordination;
using Dynamo.Kv.VNodes;
using Dynamo.Protocol;
using Google.Protobuf;

namespace Dynamo.Kv.Tests;

/// <summary>
/// A client's <see cref="RequestBatch"/>: each request taken as if it came alone, its result going back by its id, the
/// results a host finishes together in one <see cref="ResultBatch"/>.
/// </summary>
public sealed class ClientBatchingTests : KvTestKit
{
    [Fact]
    public void Results_a_host_finishes_together_go_to_each_client_in_one_batch_and_a_lone_requests_result_goes_alone()
    {
        var host = Sys.ActorOf(CoordinatorHost.Props());
        var replica = CreateTestProbe();
        var (client, other, lone) = (CreateTestProbe(), CreateTestProbe(), CreateTestProbe());
        host.Tell(new GetCoordinator(ReplicaAnswers.OneReplicaRead(replica), new Requester(client.Ref, 5)));
        host.Tell(new GetCoordinator(ReplicaAnswers.OneReplicaRead(replica), new Requester(client.Ref, 6)));
        host.Tell(new GetCoordinator(ReplicaAnswers.OneReplicaRead(replica), new Requester(other.Ref, 5)));
        host.Tell(new GetCoordinator(ReplicaAnswers.OneReplicaRead(replica), new Requester(lone.Ref)));
        var ids = replica.ReceiveN(4).Cast<ReplicaGet>().Select(g => g.RequestId).ToList();

        host.Tell(new ReplyBatch([.. ids.Select((id, i) => new ReplicaGetResult("b", 0, ReplicaAnswers.Stored($"v{i}", "b")) { RequestId = id })]));

        var results = client.ExpectMsg<ResultBatch>().Results;
        Assert.Equal([(5UL, "v0"), (6UL, "v1")], results.Select(r => (r.Id, Requests.Values(r.Get).Single())));
        var others = Assert.Single(other.ExpectMsg<ResultBatch>().Results);
        Assert.Equal((5UL, "v2"), (others.Id, Requests.Values(others.Get).Single()));
        Assert.Equal(["v3"], Requests.Values(lone.ExpectMsg<GetResult>()));
        client.ExpectNoMsg(Settle);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_batch_through_a_router_is_answered_request_by_request_under_each_id()
    {
        await using var cluster = await KvCluster.StartAsync();
        var client = new TestProbe(cluster.SystemOf("a"), new Akka.TestKit.Xunit2.XunitAssertions());
        var oversized = Requests.Put("b", "big", "");
        oversized.Value = ByteString.CopyFrom(new byte[cluster.Settings.MaxValueSize + 1]);

        var writes = await SendAsync(cluster, client, new RequestBatch
        {
            Requests =
            {
                new BatchedRequest { Id = 1, Put = Requests.Put("b", "k1", "one") },
                new BatchedRequest { Id = 2, Put = Requests.Put("b", "k2", "two") },
                new BatchedRequest { Id = 3, Put = oversized },
                new BatchedRequest { Id = 4, Get = Requests.Get("b", "k1", r: 4) },
                new BatchedRequest { Id = 5 },
                // No id, nothing to answer it by: dropped, and the others still answered.
                new BatchedRequest { Put = Requests.Put("b", "k3", "three") },
            },
        }, expected: 5);

        Assert.Equal(BatchedResult.ResultOneofCase.Put, writes[1].ResultCase);
        Assert.Equal(BatchedResult.ResultOneofCase.Put, writes[2].ResultCase);
        Assert.Equal(KvFailure.ReasonOneofCase.ValueTooLarge, writes[3].Failure.ReasonCase);
        Assert.Contains("r must be between 1", writes[4].Failure.Message);
        Assert.Equal(KvFailure.ReasonOneofCase.InvalidRequest, writes[5].Failure.ReasonCase);

        var reads = await SendAsync(cluster, client, new RequestBatch
        {
            Requests =
            {
                new BatchedRequest { Id = 11, Get = Requests.Get("b", "k2") },
                new BatchedRequest { Id = 12, Get = Requests.Get("b", "k1") },
                new BatchedRequest { Id = 13, Get = Requests.Get("b", "k3") },
            },
        }, expected: 3);

        Assert.Equal(["one"], Requests.Values(reads[12].Get));
        Assert.Equal(["two"], Requests.Values(reads[11].Get));
        Assert.Equal(ObjectStatus.NotFound, reads[13].Get.Status);
        Assert.Equal(writes[1].Put.Context, reads[12].Get.Context);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_batched_request_for_a_key_the_router_does_not_hold_is_answered_by_the_node_it_forwards_to()
    {
        await using var cluster = await KvCluster.StartAsync();
        var (key, owner) = await cluster.KeyHeldOnlyElsewhereAsync("single", "a");
        var client = new TestProbe(cluster.SystemOf("a"), new Akka.TestKit.Xunit2.XunitAssertions());

        var written = await SendAsync(cluster, client, new RequestBatch { Requests = { new BatchedRequest { Id = 7, Put = Requests.Put("single", key, "v") } } }, expected: 1);
        var read = await SendAsync(cluster, client, new RequestBatch { Requests = { new BatchedRequest { Id = 8, Get = Requests.Get("single", key) } } }, expected: 1);

        Assert.Equal(BatchedResult.ResultOneofCase.Put, written[7].ResultCase);
        Assert.Equal(["v"], Requests.Values(read[8].Get));
        var stored = (await cluster.ReadReplicaAsync(owner.Node, owner.Partition, "single", key)).Object;
        Assert.Equal(["v"], stored.Siblings.Select(s => Requests.Text(s.Value.ToArray())));
    }

    // Sends the batch to node a's router as the probe and gathers the results by id, however many batches they come in.
    private static Task<Dictionary<ulong, BatchedResult>> SendAsync(KvCluster cluster, TestProbe client, RequestBatch batch, int expected) => Task.Run(() =>
    {
        cluster.Router("a").Tell(batch, client.Ref);
        var results = new Dictionary<ulong, BatchedResult>();
        while (results.Count < expected)
            foreach (var result in client.ExpectMsg<ResultBatch>(KvCluster.AskTimeout).Results) results.Add(result.Id, result);
        client.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        return results;
    });
}
