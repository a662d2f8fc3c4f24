using Akka.Configuration;
using Akka.DistributedData;
using Akka.TestKit;
using Dynamo.Kv.AntiEntropy;
using Dynamo.Kv.Buckets;
using Dynamo.Protocol;

namespace Dynamo.Kv.Tests;

/// <summary>
/// <see cref="BucketMetadata"/> against a probe standing in for Akka.DistributedData's replicator (on a cluster-provider
/// system that never joins), and without a replicator as on a single node.
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

    private readonly TestProbe _replicator;
    private readonly TestProbe _listener;

    public BucketMetadataTests()
        : base(ClusterProvider)
    {
        _replicator = CreateTestProbe();
        _listener = CreateTestProbe();
    }

    private Akka.Actor.IActorRef StartReplicated()
    {
        var metadata = Sys.ActorOf(BucketMetadata.Props("n1", Defaults, _listener.Ref, _replicator.Ref, WriteTimeout));
        Assert.Equal(BucketMetadata.Key, _replicator.ExpectMsg<Subscribe>().Key);
        return metadata;
    }

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
        var replica = written.SetItem(new Akka.Cluster.UniqueAddress(new Akka.Actor.Address("akka.tcp", "dynamo", "127.0.0.1", 4002), 2),
            "other", new BucketProperties(1, 1, 1, ConflictMode.Siblings));
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
        var node = new Akka.Cluster.UniqueAddress(new Akka.Actor.Address("akka.tcp", "dynamo", "127.0.0.1", 4002), 2);
        var map = LWWDictionary<string, BucketProperties>.Empty
            .SetItem(node, "good", BucketProperties.FromProtocol(Wide))
            .SetItem(node, "broken", new BucketProperties(0, 1, 1, ConflictMode.Siblings));

        // Sent, not handed over: with serialize-messages on, the map and its values go through their serializers.
        _replicator.Send(metadata, new Changed(BucketMetadata.Key, map));

        var changed = _listener.ExpectMsg<BucketPropsChanged>();
        Assert.Equal(BucketProperties.FromProtocol(Wide), changed.Buckets.For("good"));
        Assert.Equal(Defaults, changed.Buckets.For("broken"));
    }

    [Fact]
    public void Without_a_replicator_a_set_is_published_then_answered_and_a_bad_one_changes_nothing()
    {
        var metadata = Sys.ActorOf(BucketMetadata.Props("standalone", Defaults, _listener.Ref, replicator: null, WriteTimeout));

        metadata.Tell(new SetBucketProps { Bucket = "b", Props = Wide }, TestActor);

        Assert.Equal(BucketProperties.FromProtocol(Wide), _listener.ExpectMsg<BucketPropsChanged>().Buckets.For("b"));
        Assert.Equal(Wide, ExpectMsg<BucketPropsResult>().Props);

        metadata.Tell(Bad, TestActor);
        Assert.Equal(KvFailure.ReasonOneofCase.InvalidRequest, ExpectMsg<KvFailure>().ReasonCase);
        _listener.ExpectNoMsg(Settle);
    }
}
