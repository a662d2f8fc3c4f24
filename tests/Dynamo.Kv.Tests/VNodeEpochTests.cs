using Akka.Actor;
using Akka.TestKit;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Tests;

/// <summary>Per-incarnation actor ids: vnodes coordinate as node/epoch, with epochs leased in the vnode's journal.</summary>
public sealed class VNodeEpochTests() : KvTestKit
{
    private static readonly byte[] Key = "k"u8.ToArray();

    [Fact(Timeout = 30_000)]
    public async Task Vnode_on_an_empty_journal_leases_a_new_epoch_and_coordinates_as_node_slash_epoch()
    {
        var vnode = Start("a");

        var stored = Coordinate(vnode, CausalContext.Empty, Value("v"));

        var actor = Assert.Single(stored.Versions.Entries).Node;
        Assert.True(VNodeEpoch.TryEpochOf(actor, "a", out var epoch), actor);
        var lease = Assert.Single(await VNodeJournal.LeasesAsync(Sys, 0));
        Assert.InRange(epoch, lease.First, lease.LeasedUntil);
    }

    [Fact(Timeout = 30_000)]
    public async Task Restarted_vnode_continues_its_keys_and_takes_epochs_above_its_old_lease()
    {
        var first = Start("a");
        var k1 = Coordinate(first, CausalContext.Empty, Value("v1"));
        var oldLease = Assert.Single(await VNodeJournal.LeasesAsync(Sys, 0));
        Stop(first);

        var restarted = Start("a");
        var k1Again = Coordinate(restarted, k1.Context, Value("v2"));
        var k2 = Coordinate(restarted, CausalContext.Empty, Value("other"), "k2"u8.ToArray());

        // The existing key keeps its id and counts on; a new key gets an epoch the old lease never covered.
        var k1Actor = Assert.Single(k1.Versions.Entries).Node;
        Assert.Equal([(k1Actor, 2L)], k1Again.Versions.Entries.Select(e => (e.Node, e.Counter)));
        Assert.True(VNodeEpoch.TryEpochOf(Assert.Single(k2.Versions.Entries).Node, "a", out var k2Epoch));
        Assert.True(k2Epoch > oldLease.LeasedUntil, $"epoch {k2Epoch} is within the old lease up to {oldLease.LeasedUntil}");
        var leases = await VNodeJournal.LeasesAsync(Sys, 0);
        Assert.Equal(2, leases.Count);
        Assert.Equal(oldLease.First, leases[1].First);
    }

    [Fact(Timeout = 60_000)]
    public async Task Vnode_restarted_many_times_never_reissues_an_epoch_of_an_earlier_incarnation()
    {
        var seen = new HashSet<long>();
        for (var incarnation = 0; incarnation < 3; incarnation++)
        {
            var vnode = Start("a");
            for (var i = 0; i < 5; i++)
            {
                var written = Coordinate(vnode, CausalContext.Empty, Value("v"), System.Text.Encoding.UTF8.GetBytes($"k{incarnation}-{i}"));
                Assert.True(VNodeEpoch.TryEpochOf(Assert.Single(written.Versions.Entries).Node, "a", out var epoch));
                Assert.True(seen.Add(epoch), $"epoch {epoch} was issued before");
            }
            Stop(vnode);
        }

        var leases = await VNodeJournal.LeasesAsync(Sys, 0);
        Assert.Equal(3, leases.Count);
        // Each incarnation leased a block above everything the one before it had leased.
        Assert.All(leases.Zip(leases.Skip(1)), pair => Assert.True(pair.Second.LeasedUntil > pair.First.LeasedUntil));
        Assert.All(seen, epoch => Assert.InRange(epoch, leases[0].First, leases[^1].LeasedUntil));
    }

    [Fact]
    public void Blind_write_of_a_wiped_replica_is_kept_by_replicas_that_saw_its_old_dots()
    {
        // Each node's replica in its own journal: one actor system holds them under different partitions.
        var a = Start("a");
        var b = Start("b", partition: 1);
        var c = Start("c", partition: 2);
        var v1 = Coordinate(a, CausalContext.Empty, Value("v1"));
        var v2 = Coordinate(a, v1.Context, Value("v2"));
        Replicate(v2, b, c);

        // A loses its data folder (its journal) and rejoins under the same address.
        a.Tell(DropReplica.Instance, TestActor);
        ExpectMsg<ReplicaDropped>();
        Stop(a);
        var wiped = Start("a");
        var blind = Coordinate(wiped, CausalContext.Empty, Value("after-wipe"));
        Replicate(blind, b, c);

        Assert.False(v2.Context.Vector.Contains(blind.Versions.DottedValues.Single().Dot));
        Assert.Equal(["after-wipe", "v2"], Values(Read(b)));
        Assert.Equal(["after-wipe", "v2"], Values(Read(c)));
    }

    [Fact]
    public void Key_recreated_after_its_tombstone_was_reaped_gets_a_dot_no_old_clock_covers()
    {
        var a = Start("a");
        var v1 = Coordinate(a, CausalContext.Empty, Value("v1"));
        var tombstone = Coordinate(a, v1.Context, Sibling.Tombstone(2));
        a.Tell(new ReapTombstone("b", Key, tombstone), TestActor);
        Assert.True(ExpectMsg<TombstoneReaped>().Reaped);

        var recreated = Coordinate(a, CausalContext.Empty, Value("v3"));
        a.Tell(new ReplicaPut("b", Key, tombstone), TestActor);
        ExpectMsg<ReplicaPutAck>();

        var dot = recreated.Versions.DottedValues.Single().Dot;
        Assert.False(tombstone.Context.Vector.Contains(dot), $"{dot} is covered by the old clock {tombstone.Context}");
        Assert.Equal(["v3"], Values(Read(a)));
    }

    [Fact]
    public void Old_dots_replayed_after_a_reap_make_the_next_client_write_take_a_fresh_epoch()
    {
        var a = Start("a");
        var v1 = Coordinate(a, CausalContext.Empty, Value("v1"));
        var tombstone = Coordinate(a, v1.Context, Sibling.Tombstone(2));
        a.Tell(new ReapTombstone("b", Key, tombstone), TestActor);
        Assert.True(ExpectMsg<TombstoneReaped>().Reaped);

        // A late hint brings the value the delete removed back to the replica that reaped it.
        a.Tell(new ReplicaPut("b", Key, v1), TestActor);
        ExpectMsg<ReplicaPutAck>();
        var resurrected = Read(a);
        var written = Coordinate(a, resurrected.Context, Value("v4"));
        a.Tell(new ReplicaPut("b", Key, tombstone), TestActor);
        ExpectMsg<ReplicaPutAck>();

        var dot = written.Versions.DottedValues.Single().Dot;
        Assert.False(tombstone.Context.Vector.Contains(dot), $"{dot} is covered by the old clock {tombstone.Context}");
        Assert.Equal(["v4"], Values(Read(a)));
    }

    [Fact]
    public void Epoch_record_round_trips_and_refuses_other_bytes()
    {
        var record = VNodeEpoch.Fresh(-12345, 1000);

        Assert.Equal(record, VNodeEpoch.Parse(record.ToBytes()));
        Assert.Equal(record.LeasedUntil + 1000, record.Extend(1000).LeasedUntil);
        Assert.Equal(999, record.LeasedUntil - record.First);
        Assert.Throws<FormatException>(() => VNodeEpoch.Parse(new byte[] { 1, 2, 3 }));
    }

    [Theory]
    [InlineData("a/1f", "a", true, 31)]
    [InlineData("127.0.0.1:4053/a", "127.0.0.1:4053", true, 10)]
    [InlineData("ab/1f", "a", false, 0)]
    [InlineData("a", "a", false, 0)]
    [InlineData("a/zz", "a", false, 0)]
    public void Actor_ids_name_a_node_and_an_epoch(string actorId, string node, bool matches, long epoch)
    {
        Assert.Equal(matches, VNodeEpoch.TryEpochOf(actorId, node, out var parsed));
        Assert.Equal(epoch, matches ? parsed : 0);
        if (matches) Assert.Equal(actorId, VNodeEpoch.ActorId(node, epoch));
    }

    private IActorRef Start(string node, int partition = 0) => Sys.ActorOf(VNodeProps(node, partition));

    private SiblingSet Coordinate(IActorRef vnode, CausalContext context, Sibling value, byte[]? key = null)
    {
        vnode.Tell(new CoordinatedPut("b", key ?? Key, context, value, LastWriteWins: false, SiblingLimits.Default), TestActor);
        return ExpectMsg<CoordinatedPutAck>().Object;
    }

    private void Replicate(SiblingSet set, params IActorRef[] replicas)
    {
        foreach (var replica in replicas)
        {
            replica.Tell(new ReplicaPut("b", Key, set), TestActor);
            ExpectMsg<ReplicaPutAck>();
        }
    }

    private SiblingSet Read(IActorRef vnode)
    {
        vnode.Tell(new ReplicaGet("b", Key), TestActor);
        return ExpectMsg<ReplicaGetResult>().Object;
    }

    private static IReadOnlyList<string> Values(SiblingSet set) =>
        [.. set.Siblings.Where(s => !s.IsTombstone).Select(s => Requests.Text(s.Value.ToArray())).Order(StringComparer.Ordinal)];

    private static Sibling Value(string text) =>
        new(System.Text.Encoding.UTF8.GetBytes(text), SiblingMetadata.Value(1, "text/plain"));
}
