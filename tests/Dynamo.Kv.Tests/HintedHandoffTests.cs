using System.Text;
using Akka.Actor;
using Akka.Pattern;
using Akka.TestKit;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Core.Partitioning;
using Dynamo.Kv.Hints;
using Dynamo.Kv.Routing;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Tests;

/// <summary>The hinted handoff actor on the test journal, against a probe standing in for the owner's vnodes.</summary>
public sealed class HintedHandoffTests : KvTestKit
{
    private const string Self = "fallback";
    private const string Owner = "owner";
    private const string Bucket = "b";

    private static readonly HintedHandoffSettings Settings = new()
    {
        CheckInterval = TimeSpan.FromMilliseconds(50),
        BatchSize = 2,
        MaxHintsPerSecond = 1000,
        // Long enough that a slow test machine never times out a delivery the test is about to acknowledge.
        DeliveryTimeout = TimeSpan.FromSeconds(5),
        MinBackoff = TimeSpan.FromMilliseconds(100),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
    };

    private readonly ProbeDirectory _nodes = new();
    private readonly TestProbe _owner;

    public HintedHandoffTests()
        : base(virtualTime: false)
    {
        _owner = CreateTestProbe();
        _nodes.Register(Owner, _owner.TestActor);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_hinted_put_is_acknowledged_only_once_the_journal_holds_it_with_the_owner_partition_and_object()
    {
        var gate = JournalGate.Holding<HintAdded>();
        await Journal.OnWrite.SetInterceptorAsync(gate);
        var handoff = StartHandoff();
        var value = Value("v1", "x");

        handoff.Tell(new HintedPut(Owner, 5, Bucket, Key("k"), value), TestActor);

        await gate.Arrived.WaitAsync(TimeSpan.FromSeconds(10));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        gate.Open();
        Assert.Equal(new ReplicaPutAck(Self, 5), ExpectMsg<ReplicaPutAck>());
        var hint = Assert.Single(await HintJournal.WaitingAsync(Sys));
        Assert.Equal((Owner, 5), (hint.Owner, hint.Partition));
        Assert.Equal(ObjectKey.Encode(Bucket, Key("k")), hint.Key);
        Assert.Equal(value, SiblingSetSerializer.Deserialize(hint.Object));
        _owner.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Successive_hinted_writes_of_one_key_are_all_kept_and_a_hinted_get_merges_them()
    {
        var handoff = StartHandoff();
        handoff.Tell(new HintedPut(Owner, 5, Bucket, Key("k"), Value("left", "x")) { RequestId = 1 }, TestActor);
        handoff.Tell(new HintedPut(Owner, 5, Bucket, Key("k"), Value("right", "y")) { RequestId = 2 }, TestActor);
        Assert.Equal(1, ExpectMsg<ReplicaPutAck>().RequestId);
        Assert.Equal(2, ExpectMsg<ReplicaPutAck>().RequestId);

        handoff.Tell(new HintedGet(Owner, 5, Bucket, Key("k")) { RequestId = 3 }, TestActor);

        var held = ExpectMsg<ReplicaGetResult>();
        Assert.Equal(Self, held.Node);
        Assert.Equal(3, held.RequestId);
        Assert.Equal(["left", "right"], Texts(held.Object));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_hinted_put_the_keys_earlier_hints_already_cover_is_acknowledged_without_a_new_hint()
    {
        var handoff = StartHandoff();
        var first = Value("v1", "x");
        var second = Value("v2", "y");
        handoff.Tell(new HintedPut(Owner, 5, Bucket, Key("k"), first), TestActor);
        handoff.Tell(new HintedPut(Owner, 5, Bucket, Key("k"), second), TestActor);
        ExpectMsg<ReplicaPutAck>();
        ExpectMsg<ReplicaPutAck>();

        // What read repair would send: the merge of both, which the two hints together already hold.
        handoff.Tell(new HintedPut(Owner, 5, Bucket, Key("k"), first.Sync(second)), TestActor);

        Assert.Equal(new ReplicaPutAck(Self, 5), ExpectMsg<ReplicaPutAck>());
        Assert.Equal(2, (await HintJournal.EventsAsync(Sys)).OfType<HintAdded>().Count());
        var stats = await StatsAsync(handoff);
        Assert.Equal((2L, 2L), (stats.Stored, stats.Pending[Owner]));
    }

    [Fact(Timeout = 30_000)]
    public async Task Hints_are_delivered_once_the_owner_is_reachable_and_released_only_after_its_acknowledgement()
    {
        var handoff = StartHandoff();
        handoff.Tell(new HintedPut(Owner, 5, Bucket, Key("k"), Value("v1", "x")), TestActor);
        ExpectMsg<ReplicaPutAck>();
        _owner.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        _nodes.SetReachable(Owner, true);

        var delivered = _owner.ExpectMsg<ReplicaPut>();
        Assert.Equal((Bucket, "k"), (delivered.Bucket, Requests.Text(delivered.Key)));
        Assert.Equal(["v1"], Texts(delivered.Object));
        Assert.Equal(1, (await StatsAsync(handoff)).Pending[Owner]);
        Assert.Empty((await HintJournal.EventsAsync(Sys)).OfType<HintsDelivered>());
        _owner.Reply(new ReplicaPutAck(Owner, 5));
        await Eventually.AssertAsync(async () =>
        {
            var stats = await StatsAsync(handoff);
            Assert.Equal((1L, 1L, 0L), (stats.Stored, stats.Delivered, stats.PendingTotal));
        });
        var hint = Assert.Single((await HintJournal.EventsAsync(Sys)).OfType<HintAdded>());
        Assert.Equal([hint.Id], Assert.Single((await HintJournal.EventsAsync(Sys)).OfType<HintsDelivered>()).Ids);
        Assert.Empty(await HintJournal.WaitingAsync(Sys));
    }

    [Fact(Timeout = 30_000)]
    public async Task After_a_ring_change_hints_go_to_the_partitions_current_owner_which_must_acknowledge()
    {
        var successor = CreateTestProbe();
        _nodes.Register("successor", successor.TestActor);
        var handoff = StartHandoff();
        handoff.Tell(new HintedPut(Owner, 5, Bucket, Key("k"), Value("v1", "x")), TestActor);
        ExpectMsg<ReplicaPutAck>();

        handoff.Tell(new RingChanged(new Claimant(16).Claim(null, ["successor"])), TestActor);
        // Answered after the ring change: no delivery round that still knew the old ring can see the owner reachable.
        await StatsAsync(handoff);
        _nodes.SetReachable(Owner, true);

        Assert.Equal("k", Requests.Text(successor.ExpectMsg<ReplicaPut>().Key));
        successor.Reply(new ReplicaPutAck("successor", 5));
        await Eventually.AssertAsync(async () => Assert.Empty((await StatsAsync(handoff)).Pending));
        Assert.Empty(await HintJournal.WaitingAsync(Sys));
        _owner.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_hint_its_owner_never_acknowledges_stays_and_is_retried()
    {
        var handoff = StartHandoff(Settings with { DeliveryTimeout = TimeSpan.FromMilliseconds(300) });
        _nodes.SetReachable(Owner, true);
        handoff.Tell(new HintedPut(Owner, 5, Bucket, Key("k"), Value("v1", "x")), TestActor);
        ExpectMsg<ReplicaPutAck>();

        _owner.ExpectMsg<ReplicaPut>();
        // No answer: the delivery times out, and after the backoff the same hint comes again.
        _owner.ExpectMsg<ReplicaPut>(TimeSpan.FromSeconds(10));

        var stats = await StatsAsync(handoff);
        Assert.True(stats.FailedBatches >= 1, $"failed batches: {stats.FailedBatches}");
        Assert.Equal(0, stats.Delivered);
        Assert.Equal(1, stats.Pending[Owner]);
        Assert.Single(await HintJournal.WaitingAsync(Sys));
    }

    [Fact(Timeout = 30_000)]
    public async Task An_acknowledgement_for_another_partition_does_not_release_the_hint()
    {
        var handoff = StartHandoff();
        _nodes.SetReachable(Owner, true);
        handoff.Tell(new HintedPut(Owner, 5, Bucket, Key("k"), Value("v1", "x")), TestActor);
        ExpectMsg<ReplicaPutAck>();

        _owner.ExpectMsg<ReplicaPut>();
        _owner.Reply(new ReplicaPutAck(Owner, 6));
        _owner.ExpectMsg<ReplicaPut>(TimeSpan.FromSeconds(10));

        Assert.Equal(1, (await StatsAsync(handoff)).Pending[Owner]);
        Assert.Empty((await HintJournal.EventsAsync(Sys)).OfType<HintsDelivered>());
    }

    [Fact(Timeout = 30_000)]
    public async Task An_acknowledgement_for_the_partition_from_the_node_still_serving_it_releases_the_hint()
    {
        // The partition's entity passed the write to the old owner's vnode, which serves it until its handoff completes.
        var handoff = StartHandoff();
        _nodes.SetReachable(Owner, true);
        handoff.Tell(new HintedPut(Owner, 5, Bucket, Key("k"), Value("v1", "x")), TestActor);
        ExpectMsg<ReplicaPutAck>();

        _owner.ExpectMsg<ReplicaPut>();
        _owner.Reply(new ReplicaPutAck("old-owner", 5));

        await Eventually.AssertAsync(async () => Assert.Equal(0L, (await StatsAsync(handoff)).PendingTotal));
        Assert.Single((await HintJournal.EventsAsync(Sys)).OfType<HintsDelivered>());
    }

    [Fact(Timeout = 30_000)]
    public async Task Hints_go_out_in_batches_of_the_configured_size_the_next_only_after_the_last_was_acknowledged()
    {
        // A batch that timed out before its acknowledgement arrived (a loaded machine) would be sent again, unacknowledged.
        var handoff = StartHandoff(Settings with { DeliveryTimeout = TimeSpan.FromSeconds(20) });
        PutHints(handoff, 5);
        _nodes.SetReachable(Owner, true);

        var delivered = new List<string>();
        for (var batch = 0; batch < 3; batch++)
        {
            var size = batch < 2 ? 2 : 1;
            var puts = Enumerable.Range(0, size).Select(_ => (Message: _owner.ReceiveOne(TimeSpan.FromSeconds(5))!, Sender: _owner.LastSender)).ToList();
            _owner.ExpectNoMsg(TimeSpan.FromMilliseconds(150));
            delivered.AddRange(puts.Select(p => Requests.Text(Assert.IsType<ReplicaPut>(p.Message).Key)));
            foreach (var put in puts)
            {
                put.Sender.Tell(new ReplicaPutAck(Owner, 3), _owner.TestActor);
            }
        }

        Assert.Equal(["k0", "k1", "k2", "k3", "k4"], delivered.Order(StringComparer.Ordinal));
        await Eventually.AssertAsync(async () => Assert.Empty((await StatsAsync(handoff)).Pending));
        // One release per batch, each naming the hints of that batch.
        Assert.Equal([2, 2, 1], (await HintJournal.EventsAsync(Sys)).OfType<HintsDelivered>().Select(d => d.Ids.Length));
    }

    [Fact(Timeout = 30_000)]
    public async Task Hints_survive_a_restart_of_the_hinted_handoff_and_are_delivered_by_the_next_one()
    {
        var first = StartHandoff();
        PutHints(first, 3);
        Stop(first);

        _nodes.SetReachable(Owner, true);
        var second = StartHandoff();

        var keys = new List<string>();
        while (keys.Count < 3)
        {
            var put = _owner.ExpectMsg<ReplicaPut>();
            keys.Add(Requests.Text(put.Key));
            _owner.Reply(new ReplicaPutAck(Owner, 3));
        }
        Assert.Equal(["k0", "k1", "k2"], keys.Order(StringComparer.Ordinal));
        await Eventually.AssertAsync(async () =>
        {
            var stats = await StatsAsync(second);
            Assert.Equal((3L, 0L), (stats.Delivered, stats.PendingTotal));
        });
        Assert.Empty(await HintJournal.WaitingAsync(Sys));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_snapshot_lets_the_events_before_it_go_and_a_restarted_handoff_recovers_the_hints_from_it()
    {
        var settings = Settings with { SnapshotEvery = 3 };
        var first = StartHandoff(settings);
        PutHints(first, 4);

        // Events 1-3 are in the snapshot taken at the third: only the fourth stays in the journal.
        await Eventually.AssertAsync(async () =>
            Assert.Equal([4L], (await HintJournal.EventsAsync(Sys)).Cast<HintAdded>().Select(h => h.Id)));
        Stop(first);
        var second = StartHandoff(settings);

        Assert.Equal(4, (await StatsAsync(second)).Pending[Owner]);
        second.Tell(new HintedGet(Owner, 3, Bucket, Key("k0")), TestActor);
        Assert.Equal(["v0"], Texts(ExpectMsg<ReplicaGetResult>().Object));
        _nodes.SetReachable(Owner, true);
        for (var i = 0; i < 4; i++)
        {
            _owner.ExpectMsg<ReplicaPut>();
            _owner.Reply(new ReplicaPutAck(Owner, 3));
        }
        await Eventually.AssertAsync(async () => Assert.Empty((await StatsAsync(second)).Pending));
        // The releases went on after the deleted events: a third incarnation finds nothing waiting.
        Stop(second);
        var third = StartHandoff(settings);
        var stats = await StatsAsync(third);
        Assert.Empty(stats.Pending);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_journal_rejecting_a_hint_answers_the_putter_with_a_failure_and_the_handoff_goes_on()
    {
        var handoff = StartHandoff();
        Watch(handoff);
        await Journal.OnWrite.RejectIf(p => p.Payload is HintAdded);

        handoff.Tell(new HintedPut(Owner, 5, Bucket, Key("k"), Value("v1", "x")), TestActor);

        var failure = ExpectMsg<VNodeFailure>();
        Assert.Equal((Self, 5), (failure.Node, failure.Partition));
        Assert.Contains("rejected", failure.Reason);
        await Journal.OnWrite.Pass();
        handoff.Tell(new HintedPut(Owner, 5, Bucket, Key("k"), Value("v2", "x")), TestActor);
        Assert.Equal(new ReplicaPutAck(Self, 5), ExpectMsg<ReplicaPutAck>());
        Assert.Equal(1, (await StatsAsync(handoff)).Pending[Owner]);
        handoff.Tell(new HintedGet(Owner, 5, Bucket, Key("k")), TestActor);
        Assert.Equal(["v2"], Texts(ExpectMsg<ReplicaGetResult>().Object));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_journal_failing_a_hint_answers_the_putter_with_a_failure_and_the_supervisor_starts_the_handoff_again()
    {
        var ringSource = CreateTestProbe();
        var supervisor = Sys.ActorOf(HintedHandoff.SupervisedProps(Self, _nodes, Settings, ringSource.Ref), KvPaths.HintedHandoffName);
        ringSource.ExpectMsg<HintedHandoff.RingWanted>();
        var incarnation = await CurrentChildAsync(supervisor);
        supervisor.Tell(new HintedPut(Owner, 5, Bucket, Key("kept"), Value("v0", "x")), TestActor);
        ExpectMsg<ReplicaPutAck>();
        await Journal.OnWrite.FailIf(p => p.Payload is HintAdded);

        supervisor.Tell(new HintedPut(Owner, 5, Bucket, Key("k"), Value("v1", "x")), TestActor);

        var failure = ExpectMsg<VNodeFailure>();
        Assert.Equal((Self, 5), (failure.Node, failure.Partition));
        Assert.Contains("journal failed", failure.Reason);
        await Journal.OnWrite.Pass();
        // A new incarnation after the backoff: it recovered the hint kept before the failure and asks for the ring again.
        ringSource.ExpectMsg<HintedHandoff.RingWanted>(TimeSpan.FromSeconds(10));
        Assert.NotEqual(incarnation, await CurrentChildAsync(supervisor));
        Assert.Equal(1, (await StatsAsync(supervisor)).Pending[Owner]);
        supervisor.Tell(new HintedPut(Owner, 5, Bucket, Key("k"), Value("v1", "x")), TestActor);
        Assert.Equal(new ReplicaPutAck(Self, 5), ExpectMsg<ReplicaPutAck>());
        Assert.Equal(2, (await StatsAsync(supervisor)).Pending[Owner]);
    }

    private IActorRef StartHandoff(HintedHandoffSettings? settings = null) =>
        Sys.ActorOf(HintedHandoff.Props(Self, _nodes, settings ?? Settings));

    // Only one incarnation may write the journal at a time: the next starts once this one is gone.

    private void PutHints(IActorRef handoff, int count)
    {
        for (var i = 0; i < count; i++)
        {
            handoff.Tell(new HintedPut(Owner, 3, Bucket, Key($"k{i}"), Value($"v{i}", "x")), TestActor);
            ExpectMsg<ReplicaPutAck>();
        }
    }

    private static Task<HintStats> StatsAsync(IActorRef handoff) =>
        handoff.Ask<HintStats>(GetHintStats.Instance, TimeSpan.FromSeconds(5));

    private static async Task<IActorRef> CurrentChildAsync(IActorRef supervisor) =>
        (await supervisor.Ask<BackoffSupervisor.CurrentChild>(BackoffSupervisor.GetCurrentChild.Instance, TimeSpan.FromSeconds(5))).Ref;

    private static byte[] Key(string key) => Encoding.UTF8.GetBytes(key);

    // A value as a coordinator on node <paramref name="writer"/> would have made it, with no earlier context.
    private static SiblingSet Value(string value, string writer) =>
        SiblingSet.Empty.Update(CausalContext.Empty, new Sibling(Encoding.UTF8.GetBytes(value), SiblingMetadata.Value(1, "text/plain")), writer);

    private static IReadOnlyList<string> Texts(SiblingSet set) =>
        [.. set.Siblings.Select(s => Requests.Text(s.Value.ToArray())).Order(StringComparer.Ordinal)];
}
