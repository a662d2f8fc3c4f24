using Dynamo.Kv.Diagnostics;
using Dynamo.Protocol;

namespace Dynamo.Kv.Tests;

/// <summary>The node's instruments count what happens where it happens: coordinators, hinted handoff, vnodes.</summary>
public sealed class KvMetricsTests
{
    private const string Bucket = "metrics";

    [Fact(Timeout = 60_000)]
    public async Task A_write_is_counted_as_an_ok_put_with_its_latency_and_as_journal_writes_of_its_replicas()
    {
        await using var cluster = await KvCluster.StartAsync(nodeCount: 3);
        var coordinator = cluster.PreferenceListOf(Bucket, "k").Entries[0].Node;
        using var probe = new MeterProbe(cluster.SystemOf(coordinator));

        await cluster.PutAsync(coordinator, Bucket, "k", "v", w: 3);

        probe.Observe();
        Assert.Equal(1, probe.Sum(KvMetrics.Requests, (KvMetrics.NodeTag, coordinator), (KvMetrics.OperationTag, "put"), (KvMetrics.OutcomeTag, "ok")));
        Assert.Equal(1, probe.Count(KvMetrics.RequestDuration));
        Assert.True(probe.Sum(KvMetrics.RequestDuration) > 0, "the request took some time");
        Assert.Equal(0, probe.Sum(KvMetrics.QuorumFailures));
        // The coordinating replica acknowledged only once its event was persisted; the count follows in the same callback.
        await Eventually.AssertAsync(() =>
        {
            Assert.True(probe.Sum(KvMetrics.JournalWrites, (KvMetrics.NodeTag, coordinator)) >= 1);
            return Task.CompletedTask;
        });
        var counts = KvMetrics.For(cluster.SystemOf(coordinator), coordinator).RequestCounts();
        Assert.Equal(1, counts["put"]["ok"]);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_read_of_a_missing_key_is_counted_as_not_found()
    {
        await using var cluster = await KvCluster.StartAsync(nodeCount: 3);
        var coordinator = cluster.PreferenceListOf(Bucket, "absent").Entries[0].Node;
        using var probe = new MeterProbe(cluster.SystemOf(coordinator));

        var result = await cluster.GetAsync(coordinator, Bucket, "absent");

        Assert.Equal(ObjectStatus.NotFound, result.Status);
        probe.Observe();
        Assert.Equal(1, probe.Sum(KvMetrics.Requests, (KvMetrics.OperationTag, "get"), (KvMetrics.OutcomeTag, "not_found")));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_write_that_cannot_gather_its_primaries_is_counted_as_a_quorum_failure()
    {
        await using var cluster = await KvCluster.StartAsync(nodeCount: 4);
        var (coordinator, down, _, _) = SloppyQuorumTests.Sloppy(cluster, Bucket, "k");
        await cluster.SetBucketPropsAsync(Bucket, new BucketProps { N = 3, R = 2, W = 2, Pw = 3 });
        cluster.Local.SetReachable(down, false);
        using var probe = new MeterProbe(cluster.SystemOf(coordinator));

        var reply = await cluster.Ask(coordinator, Requests.Put(Bucket, "k", "v"));

        Assert.Equal(KvFailure.ReasonOneofCase.QuorumNotMet, Assert.IsType<KvFailure>(reply).ReasonCase);
        Assert.Equal(1, probe.Sum(KvMetrics.QuorumFailures, (KvMetrics.NodeTag, coordinator), (KvMetrics.OperationTag, "put"), (KvMetrics.OutcomeTag, "quorum_failed")));
        probe.Observe();
        Assert.Equal(1, probe.Sum(KvMetrics.Requests, (KvMetrics.OperationTag, "put"), (KvMetrics.OutcomeTag, "quorum_failed")));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_write_for_an_unreachable_owner_is_counted_as_a_hint_stored_and_pending_on_its_fallback()
    {
        await using var cluster = await KvCluster.StartAsync(nodeCount: 4);
        var (coordinator, down, fallback, _) = SloppyQuorumTests.Sloppy(cluster, Bucket, "k");
        cluster.Local.SetReachable(down, false);
        using var probe = new MeterProbe(cluster.SystemOf(fallback));

        // w = 3 with two primaries reachable: the fallback's hint is the third acknowledgement, given once it is stored.
        await cluster.PutAsync(coordinator, Bucket, "k", "v", w: 3);

        Assert.Equal(1, probe.Sum(KvMetrics.HintsStored, (KvMetrics.NodeTag, fallback)));
        probe.Observe();
        Assert.Equal(1, probe.Sum(KvMetrics.HintsPending, (KvMetrics.NodeTag, fallback)));
        Assert.Equal(0, probe.Sum(KvMetrics.HintsDelivered));
    }

    [Fact]
    public void Replies_are_named_by_the_outcome_a_client_sees()
    {
        Assert.Equal("ok", RequestOutcome.Of(new GetResult { Status = ObjectStatus.Found }));
        Assert.Equal("not_found", RequestOutcome.Of(new GetResult { Status = ObjectStatus.Deleted }));
        Assert.Equal("ok", RequestOutcome.Of(new DeleteResult()));
        Assert.Equal("unknown", RequestOutcome.Of(new KvFailure { QuorumNotMet = new QuorumNotMet { OutcomeUnknown = true } }));
        Assert.Equal("quorum_failed", RequestOutcome.Of(new KvFailure { QuorumNotMet = new QuorumNotMet() }));
        Assert.Equal("timeout", RequestOutcome.Of(new KvFailure { Timeout = new Protocol.Timeout() }));
        Assert.Equal("invalid", RequestOutcome.Of(new KvFailure { InvalidRequest = new InvalidRequest() }));
        Assert.Equal("conflict", RequestOutcome.Of(new KvFailure { TooManySiblings = new TooManySiblings() }));
        Assert.Equal("failed", RequestOutcome.Of(new KvFailure { Message = "boom" }));
    }
}
