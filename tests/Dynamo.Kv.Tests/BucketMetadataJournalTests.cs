using Akka.Actor;
using Akka.Configuration;
using Akka.DistributedData;
using Akka.TestKit;
using Dynamo.Configuration;
using Dynamo.Kv.AntiEntropy;
using Dynamo.Kv.Buckets;
using Dynamo.Kv.Persistence;
using Dynamo.Kv.VNodes;
using Dynamo.Protocol;

namespace Dynamo.Kv.Tests;

/// <summary>
/// <see cref="BucketMetadata"/> on a real Akka.Persistence.Sql journal in a SQLite file: what it persists goes through
/// the serializer Akka picks for it (Distributed Data's own for the replicated map, the protobuf one for a single
/// node's sets) and comes back equal, timestamps included. A probe stands in for the replicator.
/// </summary>
public sealed class BucketMetadataJournalTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(3);
    private static readonly BucketProps Wide = new() { N = 5, R = 2, W = 4, Pw = 2, Conflicts = ConflictMode.LastWriteWins, ObjectBuffer = true };
    private static readonly BucketProps Narrow = new() { N = 1, R = 1, W = 1 };
    private static readonly Akka.Cluster.UniqueAddress Other = new(new Address("akka.tcp", "dynamo", "127.0.0.1", 4002), 2);

    private readonly string _directory;
    private readonly TestProbe _replicator;
    private readonly TestProbe _listener;

    public BucketMetadataJournalTests()
        : this(Path.Combine(Path.GetTempPath(), "dynamo-kv-bucket-metadata-" + Guid.NewGuid().ToString("N")))
    {
    }

    private BucketMetadataJournalTests(string directory)
        : base(SqliteSystem(directory))
    {
        _directory = directory;
        _replicator = CreateTestProbe();
        _listener = CreateTestProbe();
    }

    private static Config SqliteSystem(string directory) =>
        JournalConfig.For(ConfigurationFactory.ParseString($$"""
                dynamo.persistence { plugin = sqlite, sqlite.data-directory = "{{directory.Replace('\\', '/')}}" }
                """).WithFallback(DynamoConfig.Reference()), "n1")
            .WithFallback(ConfigurationFactory.ParseString("""
                akka.actor.provider = cluster
                akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
                """))
            .WithFallback(KvTestConfig.Local);

    [Fact(Timeout = 60_000)]
    public async Task The_replicated_map_comes_back_from_the_file_through_its_serializer_with_its_timestamps()
    {
        // Timestamps chosen far from any clock, so only a map read back as written can carry them.
        var map = LWWDictionary<string, BucketProperties>.Empty
            .SetItem(Other, "b", BucketProperties.FromProtocol(Wide), (_, _) => 1_234)
            .SetItem(Other, "c", BucketProperties.FromProtocol(Narrow), (_, _) => 5_678);
        var metadata = StartReplicated();
        _replicator.Send(metadata, new Changed(BucketMetadata.Key, map));
        _listener.ExpectMsg<BucketPropsChanged>();

        // Read from the file: the journal deserializes the row with the serializer it was written with.
        // LWWDictionary's own Equals finds a map different from its copy that went through the serializer: the maps
        // are compared serialized.
        var serializer = Sys.Serialization.FindSerializerForType(map.GetType());
        Assert.Equal("Akka.DistributedData.Serialization.ReplicatedDataSerializer", serializer.GetType().FullName);
        await AwaitAssertAsync(async () =>
        {
            var journaled = Assert.IsType<LWWDictionary<string, BucketProperties>>(Assert.Single(await JournaledAsync()));
            Assert.Equal(serializer.ToBinary(map), serializer.ToBinary(journaled));
            Assert.Equal(map.Entries, journaled.Entries);
        }, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100));

        Stop(metadata);
        Sys.ActorOf(BucketMetadata.Props("n1", BucketProperties.Default, _listener.Ref, _replicator.Ref, WriteTimeout));

        Assert.Equal(BucketProperties.FromProtocol(Wide), _listener.ExpectMsg<BucketPropsChanged>(TimeSpan.FromSeconds(20)).Buckets.For("b"));
        var merge = _replicator.ExpectMsg<Update>(TimeSpan.FromSeconds(20));
        Assert.Equal(serializer.ToBinary(map), serializer.ToBinary(merge.Modify(LWWDictionary<string, BucketProperties>.Empty)));
        _replicator.ExpectMsg<Subscribe>();
    }

    [Fact]
    public void A_single_node_s_sets_come_back_from_the_file()
    {
        var metadata = StartStandalone();
        metadata.Tell(new SetBucketProps { Bucket = "b", Props = Wide }, TestActor);
        metadata.Tell(new SetBucketProps { Bucket = "c", Props = Narrow }, TestActor);
        ExpectMsg<BucketPropsResult>(TimeSpan.FromSeconds(20));
        ExpectMsg<BucketPropsResult>(TimeSpan.FromSeconds(20));
        Stop(metadata);
        _listener.ReceiveN(2);

        StartStandalone();

        var recovered = _listener.ExpectMsg<BucketPropsChanged>(TimeSpan.FromSeconds(20)).Buckets;
        Assert.Equal(BucketProperties.FromProtocol(Wide), recovered.For("b"));
        Assert.Equal(BucketProperties.FromProtocol(Narrow), recovered.For("c"));
    }

    private IActorRef StartReplicated()
    {
        var metadata = Sys.ActorOf(BucketMetadata.Props("n1", BucketProperties.Default, _listener.Ref, _replicator.Ref, WriteTimeout));
        _replicator.ExpectMsg<Subscribe>(TimeSpan.FromSeconds(20));
        return metadata;
    }

    private IActorRef StartStandalone() =>
        Sys.ActorOf(BucketMetadata.Props("standalone", BucketProperties.Default, _listener.Ref, replicator: null, WriteTimeout));

    private void Stop(IActorRef metadata)
    {
        Watch(metadata);
        Sys.Stop(metadata);
        ExpectTerminated(metadata);
    }

    private Task<IReadOnlyList<object>> JournaledAsync() =>
        EventReader.Read(Sys, Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null), BucketMetadata.PersistenceIdValue, 1, long.MaxValue, WriteTimeout);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
