using Dynamo.Storage.InMemory;
using Akka.TestKit;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Tests;

/// <summary>How a vnode leases its epochs: in blocks, ahead of use, and never beyond what is durable.</summary>
public sealed class VNodeEpochLeaseTests() : KvTestKit
{
    [Fact(Timeout = 30_000)]
    public async Task No_write_needing_an_epoch_is_acknowledged_before_the_lease_is_durable()
    {
        var storage = new InMemoryStoragePlugin();
        var metadata = new GatedMetadataStore(storage.Metadata, closed: true);
        var vnode = Sys.ActorOf(VNode.Props("a", 0, storage.KeyValues, metadata));

        vnode.Tell(Put("k"), TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        metadata.Open();

        var actor = Assert.Single(ExpectMsg<CoordinatedPutAck>().Object.Versions.Entries).Node;
        var lease = VNodeEpoch.Parse((await storage.Metadata.GetAsync(VNodeEpoch.MetadataName(0)))!);
        Assert.True(VNodeEpoch.TryEpochOf(actor, "a", out var epoch));
        Assert.InRange(epoch, lease.First, lease.LeasedUntil);
    }

    [Fact(Timeout = 30_000)]
    public async Task Epochs_for_many_new_keys_take_one_metadata_write_per_block_and_are_all_distinct()
    {
        var storage = new InMemoryStoragePlugin();
        var metadata = new GatedMetadataStore(storage.Metadata);
        var vnode = Sys.ActorOf(VNode.Props("a", 0, storage.KeyValues, metadata));
        const int keys = 1200;

        for (var i = 0; i < keys; i++)
        {
            vnode.Tell(Put($"k{i}"), TestActor);
        }
        var actors = ReceiveN(keys, TimeSpan.FromSeconds(20)).Cast<CoordinatedPutAck>()
            .Select(a => Assert.Single(a.Object.Versions.Entries).Node).ToList();

        // The first lease, then one renewal once half of it was used: 1200 epochs in 2000 leased.
        Assert.Equal(2, metadata.Writes);
        Assert.Equal(keys, actors.Distinct(StringComparer.Ordinal).Count());
        var lease = VNodeEpoch.Parse((await storage.Metadata.GetAsync(VNodeEpoch.MetadataName(0)))!);
        Assert.All(actors, actor =>
        {
            Assert.True(VNodeEpoch.TryEpochOf(actor, "a", out var epoch));
            Assert.InRange(epoch, lease.First, lease.LeasedUntil);
        });
    }

    [Fact]
    public void Writes_that_find_the_lease_used_up_wait_for_the_renewal_and_then_all_complete()
    {
        var storage = new InMemoryStoragePlugin();
        var metadata = new GatedMetadataStore(storage.Metadata);
        var vnode = Sys.ActorOf(VNode.Props("a", 0, storage.KeyValues, metadata));
        vnode.Tell(Put("k0"), TestActor);
        ExpectMsg<CoordinatedPutAck>();
        metadata.Close();

        for (var i = 1; i <= 1100; i++)
        {
            vnode.Tell(Put($"k{i}"), TestActor);
        }

        // The first block had 999 epochs left; the other 101 new keys wait for the renewal.
        var beforeRenewal = ReceiveN(999, TimeSpan.FromSeconds(20));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        metadata.Open();
        var afterRenewal = ReceiveN(101, TimeSpan.FromSeconds(20));

        var actors = beforeRenewal.Concat(afterRenewal).Cast<CoordinatedPutAck>().Select(a => Assert.Single(a.Object.Versions.Entries).Node);
        Assert.Equal(1100, actors.Distinct(StringComparer.Ordinal).Count());
    }

    private static CoordinatedPut Put(string key) =>
        new("b", System.Text.Encoding.UTF8.GetBytes(key), CausalContext.Empty,
            new Sibling("v"u8.ToArray(), SiblingMetadata.Value(1)), LastWriteWins: false, SiblingLimits.Default);
}
