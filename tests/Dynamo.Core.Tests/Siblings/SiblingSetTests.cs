using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;

namespace Dynamo.Core.Tests.Siblings;

public sealed class SiblingSetTests
{
    [Fact]
    public void Concurrent_puts_with_the_same_context_through_the_same_coordinator_both_survive()
    {
        var stored = SiblingSet.Empty.Update(CausalContext.Empty, Values.Of("v1"), "A");
        var context = stored.Context;

        stored = stored.Update(context, Values.Of("x"), "A");
        stored = stored.Update(context, Values.Of("y"), "A");

        Assert.Equal(["x", "y"], Values.Texts(stored));
    }

    [Fact]
    public void Plain_server_side_vector_clocks_lose_that_same_concurrent_write()
    {
        // The coordinator advances the stored clock for each write: y's clock then descends x's,
        // so x is discarded although the writers never saw each other. This is why the store uses DVVSets.
        var context = VectorClock.Empty.Increment("A", 1);
        var stored = context;
        var x = stored.Merge(context).Increment("A", 2);
        stored = x;
        var y = stored.Merge(context).Increment("A", 3);
        Assert.Equal(CausalOrder.After, y.Compare(x));
    }

    [Fact]
    public void A_write_whose_context_saw_every_sibling_replaces_them_all()
    {
        var stored = SiblingSet.Empty
            .Update(CausalContext.Empty, Values.Of("a"), "A")
            .Update(CausalContext.Empty, Values.Of("b"), "B")
            .Update(CausalContext.Empty, Values.Of("c"), "A");
        Assert.Equal(3, stored.Siblings.Count);

        var resolved = stored.Update(stored.Context, Values.Of("merged"), "C");

        Assert.Equal(["merged"], Values.Texts(resolved));
    }

    [Fact]
    public void Figure_3_through_the_store_gives_the_merged_context_and_D5()
    {
        var sx = SiblingSet.Empty.Update(CausalContext.Empty, Values.Of("D1"), "Sx");
        sx = sx.Update(sx.Context, Values.Of("D2"), "Sx");
        var sy = sx.Update(sx.Context, Values.Of("D3"), "Sy");
        var sz = sx.Update(sx.Context, Values.Of("D4"), "Sz");
        var read = sy.Sync(sz);

        Assert.Equal(["D3", "D4"], Values.Texts(read));
        Assert.Equal("[(Sx,2),(Sy,1),(Sz,1)]", read.Context.ToString());

        var d5 = read.Update(read.Context, Values.Of("D5"), "Sx");
        Assert.Equal(["D5"], Values.Texts(d5));
        Assert.Equal("[(Sx,3),(Sy,1),(Sz,1)]", d5.Context.ToString());
    }

    [Fact]
    public void Repeated_read_modify_write_by_k_concurrent_clients_never_holds_more_than_k_siblings()
    {
        const int clients = 5;
        string[] replicas = ["A", "B", "C"];
        var random = new Random(42);

        // Each client alternates read then write; clients interleave at random.
        var state = replicas.ToDictionary(r => r, _ => SiblingSet.Empty);
        var contexts = new CausalContext?[clients];
        var maxSeen = 0;
        for (var step = 0; step < 5000; step++)
        {
            var client = random.Next(clients);
            var replica = replicas[random.Next(replicas.Length)];
            if (contexts[client] is null)
            {
                contexts[client] = state[replica].Context;
            }
            else
            {
                // Coordinated at one replica, then replicated to the others (W = N).
                var written = state[replica].Update(contexts[client]!, Values.Of($"{client}:{step}"), replica);
                contexts[client] = null;
                foreach (var r in replicas)
                {
                    state[r] = state[r].Sync(written);
                }
            }

            maxSeen = Math.Max(maxSeen, state.Values.Max(s => s.Siblings.Count));
            Assert.True(maxSeen <= clients, $"{maxSeen} siblings after step {step}");
        }

        Assert.True(maxSeen > 1, "the schedule should have produced concurrent writes");
    }

    [Fact]
    public void A_delete_with_full_context_leaves_a_tombstone_a_stale_replica_cannot_resurrect()
    {
        var replicaA = SiblingSet.Empty.Update(CausalContext.Empty, Values.Of("v1"), "A");
        var replicaB = replicaA;

        replicaA = replicaA.Delete(replicaA.Context, timestamp: 10, coordinator: "A");

        Assert.True(replicaA.IsDeleted);
        Assert.True(replicaA.Sync(replicaB).IsDeleted);
        Assert.True(replicaB.Sync(replicaA).IsDeleted);
        Assert.Equal(["†"], Values.Texts(replicaB.Sync(replicaA)));
        Assert.True(replicaB.IsCoveredBy(replicaA));
        Assert.False(replicaA.IsCoveredBy(replicaB));
    }

    [Fact]
    public void A_write_concurrent_with_a_delete_survives_beside_the_tombstone()
    {
        var start = SiblingSet.Empty.Update(CausalContext.Empty, Values.Of("v1"), "A");
        var deleted = start.Delete(start.Context, 5, "A");
        var rewritten = start.Update(start.Context, Values.Of("v2"), "B");

        var merged = deleted.Sync(rewritten);

        Assert.Equal(["v2", "†"], Values.Texts(merged));
        Assert.False(merged.IsDeleted);
    }

    [Fact]
    public void Last_write_wins_keeps_the_latest_timestamp_and_stays_resolved_after_sync()
    {
        var a = SiblingSet.Empty.Update(CausalContext.Empty, Values.Of("old", 5), "A");
        var b = SiblingSet.Empty.Update(CausalContext.Empty, Values.Of("new", 9), "B");
        var both = a.Sync(b);

        Assert.Equal("new", Values.Texts(SiblingSet.Empty.Update(CausalContext.Empty, both.LastWriteWinsWinner()!, "X")).Single());
        var resolved = both.ResolveLastWriteWins("A");
        Assert.Equal(["new"], Values.Texts(resolved));
        Assert.Equal(["new"], Values.Texts(resolved.Sync(a).Sync(b)));
    }

    [Fact]
    public void Last_write_wins_breaks_timestamp_ties_the_same_way_everywhere()
    {
        var x = Values.Of("x", 7);
        var y = Values.Of("y", 7);
        Assert.Equal(LastWriteWinsComparer.Instance.Compare(x, y), -LastWriteWinsComparer.Instance.Compare(y, x));
        Assert.NotEqual(0, LastWriteWinsComparer.Instance.Compare(x, y));
    }

    [Fact]
    public void A_tombstone_cannot_carry_bytes()
    {
        var e = Assert.Throws<ArgumentException>(() => new Sibling(new byte[] { 1 }, SiblingMetadata.Tombstone(1)));
        Assert.Contains("tombstone", e.Message);
    }
}
