using System.Text;
using Akka.Configuration;
using Dynamo.Configuration;
using Dynamo.Kv.Persistence;
using Dynamo.Kv.Remoting;
using Dynamo.Kv.VNodes;
using Dynamo.Core.Causality;
using Dynamo.Core.Partitioning;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Membership;
using Dynamo.Protocol;
using Dynamo.TestSupport;

namespace Dynamo.Kv.Cluster.Tests;

/// <summary>A node that restarts while draining (SQLite journal) drains on and leaves by itself.</summary>
public sealed class DrainRestartTests
{
    [Fact(Timeout = 90_000)]
    public async Task A_node_restarting_with_the_draining_flag_hands_its_leftover_data_off_and_leaves_without_being_asked_again()
    {
        var directory = Path.Combine(Path.GetTempPath(), "dynamo-drain-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var nodes = await KvNodes.StartAsync(3);
            var ring = (await nodes.Running[0].CurrentRingAsync(KvNodes.AskTimeout)).Ring!;
            var port = FreePorts.One();
            var overrides = ConfigurationFactory.ParseString($$"""dynamo.persistence { plugin = sqlite, sqlite.data-directory = "{{directory.Replace("\\", "/")}}", sqlite.synchronous = normal }""");
            var key = Encoding.UTF8.GetBytes("left-behind");
            var partition = ring.PartitionOf("b"u8, key);

            // What the node's journal holds when it went down mid-drain: the drain record, and a partition not handed off yet.
            var full = overrides.WithFallback(KvNodes.Config(port, nodes.SeedPort)).WithFallback(DynamoConfig.Reference());
            var value = SiblingSet.Empty.Update(CausalContext.Empty, new Sibling("kept"u8.ToArray(), SiblingMetadata.Value(1, "text/plain")), $"127.0.0.1:{port}");
            var journal = JournalConfig.For(full, $"127.0.0.1:{port}").WithFallback(full).WithFallback(KvSerialization.Config);
            await VNodeJournal.WriteAsync(journal, DrainRecord.JournalPersistenceId, DrainStarted.Instance);
            await VNodeJournal.WriteAsync(journal, partition, new ObjectStored(ObjectKey.Encode("b", key), SiblingSetSerializer.Serialize(value)));

            var restarted = await nodes.StartOneMoreAsync(port, overrides);
            var survivor = nodes.Running[0];
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            // It must first become a member, then leave by itself once its data is handed off.
            while (!survivor.Cluster.State.Members.Any(m => m.Address == restarted.Cluster.SelfAddress))
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException("the restarted node never joined");
                await Task.Delay(50);
            }
            nodes.Forget(restarted);
            while (survivor.Cluster.State.Members.Any(m => m.Address == restarted.Cluster.SelfAddress))
            {
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException("the draining node never left: " + string.Join("; ", (await restarted.TransfersAsync(KvNodes.AskTimeout)).Items));
                await Task.Delay(50);
            }

            Assert.Empty(await VNodeJournal.LiveObjectsAsync(journal, partition));
            await nodes.AwaitSameRingAsync(3);
            // Only the partition's owner holds the key (it was never replicated), so the read waits for all three replicas.
            var owner = nodes.Running.Single(n => n.NodeId == ring.OwnerOf(partition));
            Assert.NotNull(await VNodeJournal.ObjectAsync(owner.System, partition, ObjectKey.Encode("b", key)));
            var read = Assert.IsType<GetResult>(await survivor.AskAsync(new Get { Bucket = "b", Key = Google.Protobuf.ByteString.CopyFrom(key), R = 3 }, KvNodes.AskTimeout));
            Assert.Equal(["kept"], Requests.Values(read));
            Assert.Equal(ring.OwnerOf(partition), (await survivor.CurrentRingAsync(KvNodes.AskTimeout)).Ring!.OwnerOf(partition));
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
