using Akka.Actor;
using Dynamo.Kv.VNodes;
using Dynamo.Protocol;

namespace Dynamo.Kv.Tests;

/// <summary>Three nodes whose journals the test can hold back: with the object buffer on, W counts buffered acknowledgements.</summary>
public sealed class ObjectBufferClusterTests
{
    [Fact(Timeout = 60_000)]
    public async Task With_the_object_buffer_a_put_reaches_w_2_from_the_durable_coordinator_and_a_buffered_replica_whose_journal_is_held()
    {
        await using var cluster = await KvCluster.StartAsync(requestTimeout: TimeSpan.FromSeconds(1));
        var list = cluster.PreferenceListOf("buffered", "k").Entries;
        // A key of the other bucket on the same replicas, so both puts meet the same held journal.
        var durableKey = Enumerable.Range(0, 1000).Select(i => "k" + i).First(k => cluster.PreferenceListOf("durable", k).Entries.SequenceEqual(list));
        var held = cluster.SystemOf(list[1].Node);
        var gate = JournalGate.Holding<ObjectStored>();
        await VNodeJournal.Of(held).OnWrite.SetInterceptorAsync(gate);
        try
        {
            cluster.Directory.Blackhole(list[2].Node, list[2].Partition);
            await cluster.SetBucketPropsAsync("buffered", new BucketProps { N = 3, R = 2, W = 2, ObjectBuffer = true });
            await cluster.SetBucketPropsAsync("durable", new BucketProps { N = 3, R = 2, W = 2, ObjectBuffer = false });

            var durable = await cluster.Ask(list[0].Node, Requests.Put("durable", durableKey, "v"));
            var buffered = await cluster.Ask(list[0].Node, Requests.Put("buffered", "k", "v"));
            var heldReplica = await cluster.ReadReplicaAsync(list[1].Node, list[1].Partition, "buffered", "k");
            var read = await cluster.GetAsync(list[0].Node, "buffered", "k", r: 2);
            var stats = await cluster.Router(list[1].Node).Ask<ObjectBufferStats>(GetObjectBufferStats.Instance, KvCluster.AskTimeout);
            var journaled = await VNodeJournal.LiveObjectsAsync(held, list[1].Partition);

            // Without the buffer the held replica cannot acknowledge, so only the coordinator's durable write counts.
            Assert.Equal(KvFailure.ReasonOneofCase.QuorumNotMet, Assert.IsType<KvFailure>(durable).ReasonCase);
            Assert.IsType<PutResult>(buffered);
            Assert.Empty(journaled);
            Assert.Equal(["v"], heldReplica.Object.Siblings.Select(s => Requests.Text(s.Value.ToArray())));
            Assert.Equal(["v"], Requests.Values(read));
            Assert.Equal((1, 0), (stats.BufferedAcks, stats.DurableAcks));
            Assert.True(stats.BufferReads >= 1, $"expected reads from the buffer, got {stats}");
        }
        finally
        {
            gate.Open();
        }
    }
}
