using Akka.Actor;
using Akka.Configuration;
using Akka.DistributedData;
using Akka.TestKit;
using Dynamo.Kv.AntiEntropy;
using Dynamo.Kv.Buckets;
using Dynamo.Kv.VNodes;
using Dynamo.Protocol;

namespace Dynamo.Kv.Tests;

/// <summary>
/// <see cref="BucketMetadata"/> against a probe standing in for Akka.DistributedData's replicator (on a cluster-provider
/// system that never joins), and without a replicator as on a single node; it persists to the test kit's in-memory
/// journal of the system, so an actor started again in the same system recovers what the one before persisted.
/// </summary>
public sealed class BucketMetadataTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly Config ClusterProvider = ConfigurationFactory.ParseString("""
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
        """).WithFallback(KvTestKit.ConfigFor(virtualTime: false));

    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(200);
    private static readonly BucketProperties Defaults = BucketProperties.Default;
    private static readonly BucketProps Wide = new() { N = 5, R = 2, W = 4, Pw = 2, Conflicts = ConflictMode.LastWriteWins };
    private static readonly SetBucketProps Bad = new() { Bucket = "b", Props = new BucketProps { N = 2, R = 3, W = 1 } };
    private static readonly BucketProps Narrow = new() { N = 1, R = 1, W = 1 };
    private static readonly Akka.Cluster.UniqueAddress Other = new(new Address("akka.tcp", "dynamo", "127.0.0.1", 4002), 2);

    private readonly TestProbe _replicator;
    private readonly TestProbe _listener;

    public BucketMetadataTests()
        : base(ClusterProvider)
    {
        _replicator = CreateTestProbe();
        _listener = CreateTestProbe();
    }

    private IActorRef StartReplicated()
    {
        var metadata = Sys.ActorOf(BucketMetadata.Props("n1", Defaults, _listener.Ref, _replicator.Ref, WriteTimeout));
        Assert.Equal(BucketMetadata.Key, _replicator.ExpectMsg<Subscribe>().Key);
        return metadata;
    }

    private IActorRef StartStandalone() => Sys.ActorOf(BucketMetadata.Props("standalone", Defaults, _listener.Ref, replicator: null, WriteTimeout));

    private void Stop(IActorRef metadata)
    {
        Watch(metadata);
        Sys.Stop(metadata);
        ExpectTerminated(metadata);
    }

    // What the journal holds under the bucket metadata's persistence id from sequence number from on, read back
    // through the journal's replay protocol.
    private Task<IReadOnlyList<object>> JournaledAsync(long from = 1) =>
        EventReader.Read(Sys, Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null), BucketMetadata.PersistenceIdValue, from, long.MaxValue, WriteTimeout);

    // LWWDictionary's own Equals finds a map different from its copy that went through the serializer: maps are
    // compared by what the journal stores of them, their serialized form (timestamps included). The events must be
    // the maps themselves.
    private void AssertJournaled(IReadOnlyList<LWWDictionary<string, BucketProperties>> expected, IReadOnlyList<object> events)
    {
        Assert.All(events, e => Assert.IsType<LWWDictionary<string, BucketProperties>>(e));
        Assert.Equal(expected.Select(BytesOf), events.Select(BytesOf));
    }

    private byte[] BytesOf(object map) => Sys.Serialization.FindSerializerFor(map).ToBinary(map);

    // A map written by another node with the timestamps given, so that which value is newer is the test's choice.
    private static LWWDictionary<string, BucketProperties> MapOf(params (string Bucket, BucketProps Props, long Timestamp)[] entries) =>
        entries.Aggregate(LWWDictionary<string, BucketProperties>.Empty,
            (map, e) => map.SetItem(Other, e.Bucket, BucketProperties.FromProtocol(e.Props), (_, _) => e.Timestamp));

    [Fact]
    public void A_bad_value_is_refused_without_anything_sent_to_the_replicator()
    {
        var metadata = StartReplicated();

        metadata.Tell(Bad, TestActor);
        metadata.Tell(new SetBucketProps { Bucket = "", Props = Wide }, TestActor);

        var failure = ExpectMsg<KvFailure>();
        Assert.Equal(KvFailure.ReasonOneofCase.InvalidRequest, failure.ReasonCase);
        Assert.Contains("bucket 'b': r must be between 1 and n (2), but was 3", failure.Message);
        Assert.Equal(KvFailure.ReasonOneofCase.InvalidRequest, ExpectMsg<KvFailure>().ReasonCase);
        _replicator.ExpectNoMsg(Settle);
        _listener.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void A_set_is_written_with_write_majority_and_answered_only_after_the_majority_confirmed_and_the_map_was_read_back()
    {
        var metadata = StartReplicated();

        metadata.Tell(new SetBucketProps { Bucket = "b", Props = Wide }, TestActor);

        var update = _replicator.ExpectMsg<Update>();
        Assert.Equal(new WriteMajority(WriteTimeout), update.Consistency);
        var written = (LWWDictionary<string, BucketProperties>)update.Modify(LWWDictionary<string, BucketProperties>.Empty);
        Assert.Equal(BucketProperties.FromProtocol(Wide), written["b"]);
        ExpectNoMsg(Settle);

        _replicator.Reply(new UpdateSuccess(BucketMetadata.Key, update.Request));
        var get = _replicator.ExpectMsg<Akka.DistributedData.Get>();
        Assert.Equal(ReadLocal.Instance, get.Consistency);
        ExpectNoMsg(Settle);
        // The replica's map may hold more than this write: what the listener gets is the replica's.
        var replica = written.SetItem(Other, "other", new BucketProperties(1, 1, 1, ConflictMode.Siblings));
        _replicator.Reply(new GetSuccess(BucketMetadata.Key, null, replica));

        var changed = _listener.ExpectMsg<BucketPropsChanged>();
        Assert.Equal(BucketProperties.FromProtocol(Wide), changed.Buckets.For("b"));
        Assert.Equal(1, changed.Buckets.For("other").N);
        Assert.Equal(Defaults, changed.Buckets.For("unset"));
        Assert.Equal(new BucketPropsResult { Bucket = "b", Props = Wide }, ExpectMsg<BucketPropsResult>());
    }

    [Fact]
    public void A_majority_write_that_times_out_is_answered_as_an_unknown_outcome()
    {
        var metadata = StartReplicated();

        metadata.Tell(new SetBucketProps { Bucket = "b", Props = Wide }, TestActor);
        var update = _replicator.ExpectMsg<Update>();
        _replicator.Reply(new UpdateTimeout(BucketMetadata.Key, update.Request));

        var failure = ExpectMsg<KvFailure>();
        Assert.Equal(KvFailure.ReasonOneofCase.QuorumNotMet, failure.ReasonCase);
        Assert.True(failure.QuorumNotMet.OutcomeUnknown);
        Assert.Contains("not confirmed by a majority of the members within 3000 ms", failure.Message);
        Assert.Contains("the outcome is unknown", failure.Message);
        _listener.ExpectNoMsg(Settle);
    }

    [Fact]
    public void A_change_from_the_replicator_reaches_the_listener_through_serialization_and_skips_inconsistent_values()
    {
        var metadata = StartReplicated();
        var map = LWWDictionary<string, BucketProperties>.Empty
            .SetItem(Other, "good", BucketProperties.FromProtocol(Wide))
            .SetItem(Other, "broken", new BucketProperties(0, 1, 1, ConflictMode.Siblings));

        // Sent, not handed over: with serialize-messages on, the map and its values go through their serializers.
        _replicator.Send(metadata, new Changed(BucketMetadata.Key, map));

        var changed = _listener.ExpectMsg<BucketPropsChanged>();
        Assert.Equal(BucketProperties.FromProtocol(Wide), changed.Buckets.For("good"));
        Assert.Equal(Defaults, changed.Buckets.For("broken"));
    }

    [Fact]
    public void Without_a_replicator_a_set_is_published_then_answered_and_a_bad_one_changes_nothing()
    {
        var metadata = StartStandalone();

        metadata.Tell(new SetBucketProps { Bucket = "b", Props = Wide }, TestActor);

        Assert.Equal(BucketProperties.FromProtocol(Wide), _listener.ExpectMsg<BucketPropsChanged>().Buckets.For("b"));
        Assert.Equal(Wide, ExpectMsg<BucketPropsResult>().Props);

        metadata.Tell(Bad, TestActor);
        Assert.Equal(KvFailure.ReasonOneofCase.InvalidRequest, ExpectMsg<KvFailure>().ReasonCase);
        _listener.ExpectNoMsg(Settle);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_set_is_answered_only_once_the_map_with_it_is_in_the_journal()
    {
        var gate = JournalGate.Holding<LWWDictionary<string, BucketProperties>>();
        await VNodeJournal.Of(Sys).OnWrite.SetInterceptorAsync(gate);
        var metadata = StartReplicated();

        metadata.Tell(new SetBucketProps { Bucket = "b", Props = Wide }, TestActor);
        var update = _replicator.ExpectMsg<Update>();
        _replicator.Reply(new UpdateSuccess(BucketMetadata.Key, update.Request));
        _replicator.ExpectMsg<Akka.DistributedData.Get>();
        var written = (LWWDictionary<string, BucketProperties>)update.Modify(LWWDictionary<string, BucketProperties>.Empty);
        _replicator.Reply(new GetSuccess(BucketMetadata.Key, null, written));

        await gate.Arrived.WaitAsync(TimeSpan.FromSeconds(10));
        await ExpectNoMsgAsync(Settle);
        gate.Open();
        Assert.Equal(new BucketPropsResult { Bucket = "b", Props = Wide }, await ExpectMsgAsync<BucketPropsResult>());
        AssertJournaled([written], await JournaledAsync());
    }

    [Fact]
    public async Task Each_change_of_the_map_is_persisted_whole_only_when_it_differs_and_the_journal_keeps_the_latest_alone()
    {
        var metadata = StartReplicated();
        var first = MapOf(("b", Wide, 1_000));
        var second = MapOf(("b", Wide, 1_000), ("c", Narrow, 2_000));

        _replicator.Send(metadata, new Changed(BucketMetadata.Key, first));
        _listener.ExpectMsg<BucketPropsChanged>();
        // The same map again (a copy: it is serialized on its way), as a replicator may notify it: not persisted again.
        _replicator.Send(metadata, new Changed(BucketMetadata.Key, first));
        _listener.ExpectMsg<BucketPropsChanged>();
        _replicator.Send(metadata, new Changed(BucketMetadata.Key, second));
        _listener.ExpectMsg<BucketPropsChanged>();

        // The second map is the second event (the repeated one took no sequence number), and the first was deleted.
        await AwaitAssertAsync(async () => AssertJournaled([second], await JournaledAsync()));
        AssertJournaled([second], await JournaledAsync(from: 2));
        Assert.Empty(await JournaledAsync(from: 3));
    }

    [Fact]
    public async Task A_restarted_actor_answers_the_map_it_persisted_at_once_then_merges_it_into_the_replica_and_subscribes()
    {
        var metadata = StartReplicated();
        var persisted = MapOf(("b", Wide, 2_000), ("c", Narrow, 2_000));
        _replicator.Send(metadata, new Changed(BucketMetadata.Key, persisted));
        _listener.ExpectMsg<BucketPropsChanged>();
        await AwaitAssertAsync(async () => AssertJournaled([persisted], await JournaledAsync()));
        Stop(metadata);

        Sys.ActorOf(BucketMetadata.Props("n1", Defaults, _listener.Ref, _replicator.Ref, WriteTimeout));

        // Answered before the replicator says anything: after a restart of the whole cluster, no member would.
        var recovered = _listener.ExpectMsg<BucketPropsChanged>().Buckets;
        Assert.Equal(BucketProperties.FromProtocol(Wide), recovered.For("b"));
        Assert.Equal(BucketProperties.FromProtocol(Narrow), recovered.For("c"));
        Assert.Equal(Defaults, recovered.For("unset"));
        var merge = _replicator.ExpectMsg<Update>();
        Assert.Equal(WriteLocal.Instance, merge.Consistency);
        // The map comes back with its timestamps, so a merge keeps the newer value of each bucket: the replica's
        // later set of c wins, its older set of b loses.
        Assert.Equal(BytesOf(persisted), BytesOf(merge.Modify(LWWDictionary<string, BucketProperties>.Empty)));
        var replica = MapOf(("b", Narrow, 1_000), ("c", Wide, 3_000), ("d", Wide, 1_000));
        var merged = ((LWWDictionary<string, BucketProperties>)merge.Modify(replica)).Entries;
        Assert.Equal(BucketProperties.FromProtocol(Wide), merged["b"]);
        Assert.Equal(BucketProperties.FromProtocol(Wide), merged["c"]);
        Assert.Equal(BucketProperties.FromProtocol(Wide), merged["d"]);
        Assert.Equal(BucketMetadata.Key, _replicator.ExpectMsg<Subscribe>().Key);
    }

    [Fact]
    public void Without_a_replicator_a_restarted_actor_answers_the_props_set_before()
    {
        var metadata = StartStandalone();
        metadata.Tell(new SetBucketProps { Bucket = "b", Props = Narrow }, TestActor);
        metadata.Tell(new SetBucketProps { Bucket = "c", Props = Narrow }, TestActor);
        metadata.Tell(new SetBucketProps { Bucket = "b", Props = Wide }, TestActor);
        ExpectMsg<BucketPropsResult>();
        ExpectMsg<BucketPropsResult>();
        ExpectMsg<BucketPropsResult>();
        _listener.ReceiveN(3);
        Stop(metadata);

        StartStandalone();

        var recovered = _listener.ExpectMsg<BucketPropsChanged>().Buckets;
        Assert.Equal(BucketProperties.FromProtocol(Wide), recovered.For("b"));
        Assert.Equal(BucketProperties.FromProtocol(Narrow), recovered.For("c"));
        Assert.Equal(Defaults, recovered.For("unset"));
        _listener.ExpectNoMsg(Settle);
    }

    [Fact]
    public void Without_a_replicator_a_fresh_actor_tells_the_listener_nothing_until_a_set()
    {
        StartStandalone();
        _listener.ExpectNoMsg(Settle);
    }
}
