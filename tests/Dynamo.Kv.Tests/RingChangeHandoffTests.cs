using Akka.Actor;
using Akka.TestKit;
using Dynamo.Core.Partitioning;
using Dynamo.Kv.Handoff;
using Dynamo.Kv.Routing;
using Dynamo.Protocol;
using Dynamo.TestSupport;

namespace Dynamo.Kv.Tests;

/// <summary>Logical nodes in this process whose ring changes: partitions that move are handed off through the routers' ring managers.</summary>
public sealed class RingChangeHandoffTests : IAsyncDisposable
{
    private const string Bucket = "b";
    // Installing a ring waits for every vnode to recover; on a loaded build machine that takes longer than written.
    private static readonly TimeSpan AskTimeout = TimeFactor.Dilated(TimeSpan.FromSeconds(10));

    private readonly LocalNodeDirectory _directory = new();
    private readonly Dictionary<string, ActorSystem> _systems = new(StringComparer.Ordinal);
    // Hint stores; vnodes persist to their system's journal.
    private readonly KvSettings _settings = new()
    {
        RingPartitions = 16,
        RequestTimeout = TimeSpan.FromSeconds(5),
        Handoff = new HandoffSettings { BatchSize = 4, AckTimeout = TimeSpan.FromSeconds(2), RetryInterval = TimeSpan.FromMilliseconds(100) },
    };

    [Fact(Timeout = 60_000)]
    public async Task A_joining_node_receives_the_partitions_it_now_owns_with_every_key_and_the_old_owners_drop_them()
    {
        var claimant = new Claimant(_settings.RingPartitions);
        var before = claimant.Claim(null, ["a", "b"]);
        Start("a");
        Start("b");
        await Install(before, "a", "b");
        for (var i = 0; i < 40; i++)
            Assert.IsType<PutResult>(await Router("a").Ask(Requests.Put(Bucket, $"k{i}", $"v{i}"), AskTimeout));

        var after = claimant.Claim(before, ["a", "b", "c"]);
        var moved = Enumerable.Range(0, before.PartitionCount).Where(p => before.OwnerOf(p) != after.OwnerOf(p)).ToList();
        Assert.NotEmpty(moved);
        var held = new Dictionary<int, List<string>>();
        foreach (var p in moved)
            held[p] = await KeysOf(before.OwnerOf(p), p);
        Assert.Contains(held.Values, keys => keys.Count > 0);

        Start("c");
        await Install(after, "a", "b", "c");
        await Eventually.AssertAsync(async () =>
        {
            foreach (var node in new[] { "a", "b" })
            {
                var transfers = await _systems[node].ActorSelection(KvPaths.RingManager).Ask<Transfers>(GetTransfers.Instance, AskTimeout);
                Assert.Equal(moved.Where(p => before.OwnerOf(p) == node).Order(), transfers.Items.Where(t => t.State == TransferState.Completed).Select(t => t.Partition).Order());
            }
        }, TimeSpan.FromSeconds(30));

        foreach (var p in moved)
        {
            Assert.Empty(await VNodeJournal.EventsAsync(_systems[before.OwnerOf(p)], p));
            Assert.Equal(held[p], await KeysOf(after.OwnerOf(p), p));
        }
        for (var i = 0; i < 40; i++)
        {
            var read = Assert.IsType<GetResult>(await Router("c").Ask(Requests.Get(Bucket, $"k{i}", r: 3), AskTimeout));
            Assert.Equal([$"v{i}"], Requests.Values(read));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_partition_owned_again_before_its_transfer_completed_is_served_again_and_nothing_is_deleted()
    {
        var claimant = new Claimant(_settings.RingPartitions);
        var before = claimant.Claim(null, ["a", "b"]);
        var after = claimant.Claim(before, ["a", "b", "c"]);
        Start("a");
        Start("b");
        await Install(before, "a", "b");
        for (var i = 0; i < 20; i++)
            Assert.IsType<PutResult>(await Router("a").Ask(Requests.Put(Bucket, $"k{i}", $"v{i}"), AskTimeout));
        var lost = Enumerable.Range(0, before.PartitionCount).Where(p => before.OwnerOf(p) == "a" && after.OwnerOf(p) != "a").ToList();
        var counts = new Dictionary<int, int>();
        foreach (var p in lost) counts[p] = (await VNodeJournal.LiveObjectsAsync(_systems["a"], p)).Count;

        // Only a installs the new ring (c never starts, b keeps the old ring), so no transfer can finish; then the ring goes back.
        await Install(after, "a");
        var during = await Transfers("a");
        Assert.Equal(lost.Order(), during.Items.Where(t => t.IsActive).Select(t => t.Partition).Order());
        await Install(before, "a");

        var afterwards = await Transfers("a");
        // Partitions a held only under the new ring are handed back to b meanwhile; the ones it got back are not touched.
        Assert.DoesNotContain(afterwards.Items, t => lost.Contains(t.Partition));
        foreach (var p in lost) Assert.Equal(counts[p], (await VNodeJournal.LiveObjectsAsync(_systems["a"], p)).Count);
        for (var i = 0; i < 20; i++)
        {
            var read = Assert.IsType<GetResult>(await Router("b").Ask(Requests.Get(Bucket, $"k{i}", r: 2), AskTimeout));
            Assert.Equal([$"v{i}"], Requests.Values(read));
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task Data_stored_in_a_partition_the_node_does_not_own_is_handed_to_its_owner_after_a_restart()
    {
        var ring = new Claimant(_settings.RingPartitions).Claim(null, ["a", "b"]);
        var partition = ring.PartitionsOf("b")[0];
        // What a node restarted in the middle of a handoff or a drain finds in its journal.
        var leftover = new Kv.VNodes.ObjectStored(ObjectKey.Encode(Bucket, "left"u8), Core.Siblings.SiblingSetSerializer.Serialize(
            Core.Siblings.SiblingSet.Empty.Update(Core.Causality.CausalContext.Empty, new Core.Siblings.Sibling("x"u8.ToArray(), Core.Siblings.SiblingMetadata.Value(1, "text/plain")), "a")));
        await StartAsync("a", system => VNodeJournal.WriteAsync(system, partition, leftover));
        Start("b");
        await Install(ring, "a", "b");

        await Eventually.AssertAsync(async () =>
            Assert.Contains((await Transfers("a")).Items, t => t.Partition == partition && t.To == "b" && t.State == TransferState.Completed), TimeSpan.FromSeconds(20));
        Assert.Empty(await VNodeJournal.EventsAsync(_systems["a"], partition));
        Assert.Equal(["left"], await KeysOf("b", partition));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var system in _systems.Values)
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
    }

    private Task<Transfers> Transfers(string node) =>
        _systems[node].ActorSelection(KvPaths.RingManager).Ask<Transfers>(GetTransfers.Instance, AskTimeout);

    private void Start(string node) => StartAsync(node).GetAwaiter().GetResult();

    // A node's system on an in-memory journal; <paramref name="before"/> runs before its router starts.
    private async Task StartAsync(string node, Func<ActorSystem, Task>? before = null)
    {
        var system = ActorSystem.Create("node-" + node, VNodeJournal.TestPlugins.WithFallback(KvTestConfig.Local));
        _systems[node] = system;
        if (before is not null) await before(system);
        _directory.Register(node, system);
        system.ActorOf(KvRouter.Props(node, _directory, _settings), KvPaths.RouterName);
    }

    private ICanTell Router(string node) => _directory.RouterOf(node)!;

    private async Task Install(Ring ring, params string[] nodes)
    {
        foreach (var node in nodes)
            await Router(node).Ask<RingInstalled>(new RingChanged(ring), AskTimeout);
    }

    // The keys a node's journal holds for a partition, whether or not its vnode runs.
    private async Task<List<string>> KeysOf(string node, int partition)
    {
        var live = await VNodeJournal.LiveObjectsAsync(_systems[node], partition);
        return [.. live.Keys.Select(k => Requests.Text(ObjectKey.Decode(Convert.FromHexString(k)).Key)).Order(StringComparer.Ordinal)];
    }
}
