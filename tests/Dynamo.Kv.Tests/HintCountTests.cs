using System.Text;
using Akka.Actor;
using Dynamo.Storage;
using Dynamo.Storage.InMemory;
using Akka.TestKit;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Hints;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Tests;

/// <summary>
/// The pending-hint figure when a hint is stored while the hint store is being counted: the count
/// already holds the new hint, and the store's own increment arrives after it.
/// </summary>
public sealed class HintCountTests : KvTestKit
{
    private const string Owner = "owner";

    public HintCountTests()
        : base(virtualTime: false)
    {
    }

    [Fact(Timeout = 30_000)]
    public async Task A_hint_stored_while_the_store_is_counted_is_counted_once()
    {
        var store = new HeldHintStore(new InMemoryStoragePlugin().Hints);
        // No periodic check within the test: only the first check and its recount may correct the figure.
        var settings = new HintedHandoffSettings { CheckInterval = TimeSpan.FromHours(1) };
        var handoff = Sys.ActorOf(HintedHandoff.Props("fallback", new ProbeDirectory(), store, settings));
        await store.CountStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // The hint reaches the store before the count reads it, but its acknowledgement is held until after the count is in.
        handoff.Tell(new HintedPut(Owner, 5, "b", Encoding.UTF8.GetBytes("k"), Value("v")), TestActor);
        await store.Added.Task.WaitAsync(TimeSpan.FromSeconds(10));
        store.ReleaseCount.SetResult();
        await Eventually.AssertAsync(async () =>
            Assert.Equal(1, (await handoff.Ask<HintStats>(GetHintStats.Instance, TimeSpan.FromSeconds(5))).Pending.GetValueOrDefault(Owner)));
        store.ReleaseAdd.SetResult();
        ExpectMsg<ReplicaPutAck>();

        await Eventually.AssertAsync(async () =>
        {
            var stats = await handoff.Ask<HintStats>(GetHintStats.Instance, TimeSpan.FromSeconds(5));
            Assert.Equal((1L, 1L), (stats.Stored, stats.Pending.GetValueOrDefault(Owner)));
            Assert.Equal(2, store.Counts);
        });
    }

    private static SiblingSet Value(string value) =>
        SiblingSet.Empty.Update(CausalContext.Empty, new Sibling(Encoding.UTF8.GetBytes(value), SiblingMetadata.Value(1, "text/plain")), "fallback");

    /// <summary>Holds the first count until released, and each add's completion (after it is stored) until released.</summary>
    private sealed class HeldHintStore(IHintStore inner) : IHintStore
    {
        private int _counts;

        public TaskCompletionSource CountStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource ReleaseCount { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Added { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource ReleaseAdd { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Counts => Volatile.Read(ref _counts);

        public async Task<long> AddAsync(string owner, int partition, ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
        {
            long id = await inner.AddAsync(owner, partition, key, value, cancellationToken);
            Added.TrySetResult();
            await ReleaseAdd.Task;
            return id;
        }

        public async Task<IReadOnlyList<string>> ListOwnersAsync(CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _counts) == 1)
            {
                CountStarted.SetResult();
                await ReleaseCount.Task;
            }
            return await inner.ListOwnersAsync(cancellationToken);
        }

        public Task<long> CountAsync(string owner, CancellationToken cancellationToken = default) => inner.CountAsync(owner, cancellationToken);

        public Task<IReadOnlyList<Hint>> ListAsync(string owner, long afterId, int limit, CancellationToken cancellationToken = default) =>
            inner.ListAsync(owner, afterId, limit, cancellationToken);

        public Task<IReadOnlyList<Hint>> ListForKeyAsync(string owner, int partition, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default) =>
            inner.ListForKeyAsync(owner, partition, key, cancellationToken);

        public Task<bool> DeleteAsync(long id, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, cancellationToken);
    }
}
