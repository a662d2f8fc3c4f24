using System.Collections.Concurrent;
using System.Text;
using Akka.Actor;
using Dynamo.Protocol;
using Google.Protobuf;

namespace Dynamo.Client.Tests;

/// <summary>The actor client's requests in flight together leave in batches, and each gets its own result back.</summary>
public sealed class RequestBatcherTests
{
    [Fact(Timeout = 60_000)]
    public async Task Requests_in_flight_together_leave_in_batches_and_each_result_reaches_its_own_request()
    {
        var member = ActorClientOutcomeTests.StartMember();
        try
        {
            var sizes = new ConcurrentQueue<int>();
            using var client = DynamoActorClient.ForMember(member, member.ActorOf(Props.Create(() => new EchoProxy(sizes))), TimeSpan.FromSeconds(20));
            var keys = Enumerable.Range(0, 500).Select(i => $"k{i}").ToList();

            var results = await Task.WhenAll(keys.Select(k => client.GetAsync("b", k)));

            // The proxy answers every batch in reverse, each read with its key as the context.
            Assert.Equal(keys, results.Select(r => Encoding.UTF8.GetString(r.Context.Bytes.Span)));
            Assert.Equal(keys.Count, sizes.Sum());
            Assert.True(sizes.Count < keys.Count, $"{keys.Count} requests sent together left in {sizes.Count} batches");
        }
        finally
        {
            await member.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Clients_of_one_actor_system_batch_together()
    {
        var member = ActorClientOutcomeTests.StartMember();
        try
        {
            var sizes = new ConcurrentQueue<int>();
            var proxy = member.ActorOf(Props.Create(() => new EchoProxy(sizes)));
            using var first = DynamoActorClient.ForMember(member, proxy, TimeSpan.FromSeconds(20));
            using var second = DynamoActorClient.ForMember(member, proxy, TimeSpan.FromSeconds(20));

            var reads = Enumerable.Range(0, 200).Select(i => (i % 2 == 0 ? first : second).GetAsync("b", $"k{i}")).ToList();
            await Task.WhenAll(reads);

            Assert.Equal(Enumerable.Range(0, 200).Select(i => $"k{i}"), reads.Select(r => Encoding.UTF8.GetString(r.Result.Context.Bytes.Span)));
            Assert.True(sizes.Count < 200, $"200 requests of two clients left in {sizes.Count} batches");
        }
        finally
        {
            await member.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>Answers each batch in one, in reverse order, every read as not found with its key for context.</summary>
    private sealed class EchoProxy : ReceiveActor
    {
        public EchoProxy(ConcurrentQueue<int> sizes) => Receive<RequestBatch>(batch =>
        {
            sizes.Enqueue(batch.Requests.Count);
            var results = new ResultBatch();
            foreach (var request in batch.Requests.Reverse())
                results.Results.Add(new BatchedResult { Id = request.Id, Get = new GetResult { Status = ObjectStatus.NotFound, Context = request.Get.Key } });
            Sender.Tell(results, Self);
        });
    }
}
