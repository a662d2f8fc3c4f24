using Akka.TestKit;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Tests;

/// <summary>How a vnode leases its epochs: in blocks, ahead of use, and never beyond what its journal holds.</summary>
public sealed class VNodeEpochLeaseTests() : KvTestKit
{
    [Fact(Timeout = 30_000)]
    public async Task No_write_needing_an_epoch_is_acknowledged_before_the_lease_is_durable()
    {
        var gate = JournalGate.Holding<EpochLeased>();
        await Journal.OnWrite.SetInterceptorAsync(gate);
        var vnode = Sys.ActorOf(VNodeProps("a", 0));

        vnode.Tell(Put("k"), TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Empty(await VNodeJournal.LeasesAsync(Sys, 0));
        gate.Open();

        var actor = Assert.Single(ExpectMsg<CoordinatedPutAck>().Object.Versions.Entries).Node;
        var lease = Assert.Single(await VNodeJournal.LeasesAsync(Sys, 0));
        Assert.True(VNodeEpoch.TryEpochOf(actor, "a", out var epoch));
        Assert.InRange(epoch, lease.First, lease.LeasedUntil);
    }

    [Fact(Timeout = 30_000)]
    public async Task Epochs_for_many_new_keys_take_one_lease_event_per_block_and_are_all_distinct()
    {
        var vnode = Sys.ActorOf(VNodeProps("a", 0));
        const int keys = 1200;

        for (var i = 0; i < keys; i++)
        {
            vnode.Tell(Put($"k{i}"), TestActor);
        }
        var actors = ReceiveN(keys, TimeSpan.FromSeconds(20)).Cast<CoordinatedPutAck>()
            .Select(a => Assert.Single(a.Object.Versions.Entries).Node).ToList();

        // The first lease, then one renewal once half of it was used: 1200 epochs in 2000 leased.
        var leases = await VNodeJournal.LeasesAsync(Sys, 0);
        Assert.Equal(2, leases.Count);
        Assert.Equal(keys, actors.Distinct(StringComparer.Ordinal).Count());
        Assert.All(actors, actor =>
        {
            Assert.True(VNodeEpoch.TryEpochOf(actor, "a", out var epoch));
            Assert.InRange(epoch, leases[^1].First, leases[^1].LeasedUntil);
        });
    }

    [Fact(Timeout = 60_000)]
    public async Task Writes_that_find_the_lease_used_up_wait_for_the_renewal_and_then_all_complete()
    {
        var gate = JournalGate.Holding<EpochLeased>(closed: false);
        await Journal.OnWrite.SetInterceptorAsync(gate);
        var vnode = Sys.ActorOf(VNodeProps("a", 0));
        vnode.Tell(Put("k0"), TestActor);
        ExpectMsg<CoordinatedPutAck>();
        var first = Assert.Single(await VNodeJournal.LeasesAsync(Sys, 0));
        gate.Close();

        for (var i = 1; i <= 1100; i++)
        {
            vnode.Tell(Put($"k{i}"), TestActor);
        }

        // The first block has 999 epochs left; the renewal is held, and with it every event the vnode persists after it
        // (one journal write in flight per persistent actor), so how many writes finish before it depends on batching.
        await gate.Arrived.WaitAsync(TimeSpan.FromSeconds(20));
        var beforeRenewal = new List<object>();
        while (TryReceiveOne(out var envelope, TimeSpan.FromMilliseconds(300))) beforeRenewal.Add(envelope!.Message);
        gate.Open();
        var afterRenewal = ReceiveN(1100 - beforeRenewal.Count, TimeSpan.FromSeconds(20));

        Assert.InRange(beforeRenewal.Count, 0, 999);
        Assert.All(beforeRenewal.Cast<CoordinatedPutAck>(), ack =>
        {
            Assert.True(VNodeEpoch.TryEpochOf(Assert.Single(ack.Object.Versions.Entries).Node, "a", out var epoch));
            Assert.InRange(epoch, first.First, first.LeasedUntil);
        });
        var actors = beforeRenewal.Concat(afterRenewal).Cast<CoordinatedPutAck>().Select(a => Assert.Single(a.Object.Versions.Entries).Node);
        Assert.Equal(1100, actors.Distinct(StringComparer.Ordinal).Count());
    }

    private static CoordinatedPut Put(string key) =>
        new("b", System.Text.Encoding.UTF8.GetBytes(key), CausalContext.Empty,
            new Sibling("v"u8.ToArray(), SiblingMetadata.Value(1)), LastWriteWins: false, SiblingLimits.Default);
}
