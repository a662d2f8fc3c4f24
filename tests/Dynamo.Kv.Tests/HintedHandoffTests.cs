using System.Text;
using Akka.Actor;
using Dynamo.Storage;
using Dynamo.Storage.InMemory;
using Akka.TestKit;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Core.Partitioning;
using Dynamo.Kv.Hints;
using Dynamo.Kv.Routing;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Tests;

/// <summary>The hinted handoff actor against a probe standing in for the owner's vnodes.</summary>
public sealed class HintedHandoffTests : KvTestKit, IAsyncLifetime
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

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dynamo-hints-" + Guid.NewGuid().ToString("N"));
    private readonly ProbeDirectory _nodes = new();
    private readonly TestProbe _owner;
    private IStoragePlugin _storage = new InMemoryStoragePlugin();

    public HintedHandoffTests()
        : base(virtualTime: false)
    {
        _owner = CreateTestProbe();
        _nodes.Register(Owner, _owner.TestActor);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_hinted_put_is_acknowledged_once_stored_and_keeps_the_owner_partition_and_object()
    {
        var handoff = StartHandoff();
        var value = Value("v1", "x");

        handoff.Tell(new HintedPut(Owner, 5, Bucket, Key("k"), value), TestActor);

        Assert.Equal(new ReplicaPutAck(Self, 5), ExpectMsg<ReplicaPutAck>());
        var hint = Assert.Single(await _storage.Hints.ListAsync(Owner, 0, 10));
        Assert.Equal(5, hint.Partition);
        Assert.Equal(ObjectKey.Encode(Bucket, Key("k")), hint.Key.ToArray());
        Assert.Equal(value, SiblingSetSerializer.Deserialize(hint.Value.Span));
        _owner.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Successive_hinted_writes_of_one_key_are_all_kept_and_a_hinted_get_merges_them()
    {
        var handoff = StartHandoff();
        handoff.Tell(new HintedPut(Owner, 5, Bucket, Key("k"), Value("left", "x")), TestActor);
        handoff.Tell(new HintedPut(Owner, 5, Bucket, Key("k"), Value("right", "y")), TestActor);
        ExpectMsg<ReplicaPutAck>();
        ExpectMsg<ReplicaPutAck>();

        handoff.Tell(new HintedGet(Owner, 5, Bucket, Key("k")), TestActor);

        var held = ExpectMsg<ReplicaGetResult>();
        Assert.Equal(Self, held.Node);
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
        Assert.Equal(2, await _storage.Hints.CountAsync(Owner));
        var stats = await handoff.Ask<HintStats>(GetHintStats.Instance, TimeSpan.FromSeconds(5));
        Assert.Equal(2, stats.Stored);
    }

    [Fact(Timeout = 30_000)]
    public async Task Hints_are_delivered_once_the_owner_is_reachable_and_deleted_only_after_its_acknowledgement()
    {
        var handoff = StartHandoff();
        handoff.Tell(new HintedPut(Owner, 5, Bucket, Key("k"), Value("v1", "x")), TestActor);
        ExpectMsg<ReplicaPutAck>();
        _owner.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        _nodes.SetReachable(Owner, true);

        var delivered = _owner.ExpectMsg<ReplicaPut>();
        Assert.Equal((Bucket, "k"), (delivered.Bucket, Requests.Text(delivered.Key)));
        Assert.Equal(["v1"], Texts(delivered.Object));
        Assert.Equal(1, await _storage.Hints.CountAsync(Owner));
        _owner.Reply(new ReplicaPutAck(Owner, 5));
        await Eventually.AssertAsync(async () =>
        {
            Assert.Equal(0, await _storage.Hints.CountAsync(Owner));
            var stats = await handoff.Ask<HintStats>(GetHintStats.Instance, TimeSpan.FromSeconds(5));
            Assert.Equal((1L, 1L, 0L), (stats.Stored, stats.Delivered, stats.PendingTotal));
        });
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
        _nodes.SetReachable(Owner, true);

        Assert.Equal("k", Requests.Text(successor.ExpectMsg<ReplicaPut>().Key));
        successor.Reply(new ReplicaPutAck("successor", 5));
        await Eventually.AssertAsync(async () => Assert.Equal(0, await _storage.Hints.CountAsync(Owner)));
        _owner.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_hint_its_owner_never_acknowledges_stays_in_the_store_and_is_retried()
    {
        var handoff = StartHandoff(Settings with { DeliveryTimeout = TimeSpan.FromMilliseconds(300) });
        _nodes.SetReachable(Owner, true);
        handoff.Tell(new HintedPut(Owner, 5, Bucket, Key("k"), Value("v1", "x")), TestActor);
        ExpectMsg<ReplicaPutAck>();

        _owner.ExpectMsg<ReplicaPut>();
        // No answer: the delivery times out, and after the backoff the same hint comes again.
        _owner.ExpectMsg<ReplicaPut>(TimeSpan.FromSeconds(10));

        Assert.Equal(1, await _storage.Hints.CountAsync(Owner));
        var stats = await handoff.Ask<HintStats>(GetHintStats.Instance, TimeSpan.FromSeconds(5));
        Assert.True(stats.FailedBatches >= 1, $"failed batches: {stats.FailedBatches}");
        Assert.Equal(0, stats.Delivered);
        Assert.Equal(1, stats.Pending[Owner]);
    }

    [Fact(Timeout = 30_000)]
    public async Task An_acknowledgement_from_another_node_does_not_release_the_hint()
    {
        var handoff = StartHandoff();
        _nodes.SetReachable(Owner, true);
        handoff.Tell(new HintedPut(Owner, 5, Bucket, Key("k"), Value("v1", "x")), TestActor);
        ExpectMsg<ReplicaPutAck>();

        _owner.ExpectMsg<ReplicaPut>();
        _owner.Reply(new ReplicaPutAck("someone-else", 5));
        _owner.ExpectMsg<ReplicaPut>(TimeSpan.FromSeconds(10));

        Assert.Equal(1, await _storage.Hints.CountAsync(Owner));
    }

    [Fact(Timeout = 30_000)]
    public async Task Hints_go_out_in_batches_of_the_configured_size_the_next_only_after_the_last_was_acknowledged()
    {
        await AddHintsAsync(_storage, 5);
        _nodes.SetReachable(Owner, true);
        StartHandoff();

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
        await Eventually.AssertAsync(async () => Assert.Equal(0, await _storage.Hints.CountAsync(Owner)));
    }

    [Fact(Timeout = 30_000)]
    public async Task Delivery_resumes_from_a_durable_sqlite_hint_store_after_the_handoff_and_the_store_are_recreated()
    {
        _storage = await OpenSqliteAsync();
        var first = StartHandoff();
        for (var i = 0; i < 3; i++)
        {
            first.Tell(new HintedPut(Owner, 3, Bucket, Key($"k{i}"), Value($"v{i}", "x")), TestActor);
            ExpectMsg<ReplicaPutAck>();
        }
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);
        await _storage.DisposeAsync();

        _storage = await OpenSqliteAsync();
        _nodes.SetReachable(Owner, true);
        StartHandoff();

        var keys = new List<string>();
        while (keys.Count < 3)
        {
            var put = _owner.ExpectMsg<ReplicaPut>();
            keys.Add(Requests.Text(put.Key));
            _owner.Reply(new ReplicaPutAck(Owner, 3));
        }
        Assert.Equal(["k0", "k1", "k2"], keys.Order(StringComparer.Ordinal));
        await Eventually.AssertAsync(async () => Assert.Empty(await _storage.Hints.ListOwnersAsync()));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        Sys.Dispose();
        await _storage.DisposeAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private IActorRef StartHandoff(HintedHandoffSettings? settings = null) =>
        Sys.ActorOf(HintedHandoff.Props(Self, _nodes, _storage.Hints, settings ?? Settings));

    private Task<IStoragePlugin> OpenSqliteAsync() =>
        StoragePlugins.CreateAsync(new StorageSettings
        {
            Plugin = StoragePlugins.Sqlite,
            NodeId = Self,
            Sqlite = new SqliteSettings { DataDirectory = _directory },
        });

    private static async Task AddHintsAsync(IStoragePlugin storage, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await storage.Hints.AddAsync(Owner, 3, ObjectKey.Encode(Bucket, Key($"k{i}")), SiblingSetSerializer.Serialize(Value($"v{i}", "x")));
        }
    }

    private static byte[] Key(string key) => Encoding.UTF8.GetBytes(key);

    // A value as a coordinator on node <paramref name="writer"/> would have made it, with no earlier context.
    private static SiblingSet Value(string value, string writer) =>
        SiblingSet.Empty.Update(CausalContext.Empty, new Sibling(Encoding.UTF8.GetBytes(value), SiblingMetadata.Value(1, "text/plain")), writer);

    private static IReadOnlyList<string> Texts(SiblingSet set) =>
        [.. set.Siblings.Select(s => Requests.Text(s.Value.ToArray())).Order(StringComparer.Ordinal)];
}
