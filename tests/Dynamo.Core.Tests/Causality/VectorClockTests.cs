using Dynamo.Core.Causality;

namespace Dynamo.Core.Tests.Causality;

public sealed class VectorClockTests
{
    [Fact]
    public void Figure_3_sequence_of_the_paper_produces_D1_to_D5()
    {
        var d1 = VectorClock.Empty.Increment("Sx", 1);
        var d2 = d1.Increment("Sx", 2);
        var d3 = d2.Increment("Sy", 3);
        var d4 = d2.Increment("Sz", 4);
        var context = d3.Merge(d4);
        var d5 = context.Increment("Sx", 5);

        Assert.Equal("[(Sx,1)]", d1.ToString());
        Assert.Equal("[(Sx,2)]", d2.ToString());
        Assert.Equal("[(Sx,2),(Sy,1)]", d3.ToString());
        Assert.Equal("[(Sx,2),(Sz,1)]", d4.ToString());
        Assert.Equal(CausalOrder.Before, d1.Compare(d2));
        Assert.Equal(CausalOrder.Concurrent, d3.Compare(d4));
        Assert.Equal("[(Sx,2),(Sy,1),(Sz,1)]", context.ToString());
        Assert.Equal("[(Sx,3),(Sy,1),(Sz,1)]", d5.ToString());
        Assert.Equal(CausalOrder.After, d5.Compare(d3));
        Assert.Equal(CausalOrder.After, d5.Compare(d4));
    }

    [Fact]
    public void Truncation_drops_the_entry_with_the_oldest_timestamp()
    {
        var clock = VectorClock.Empty;
        for (var i = 0; i < 10; i++)
        {
            clock = clock.Increment($"n{i}", 100 + i);
        }

        clock = clock.Increment("n0", 200).Increment("late", 300);

        Assert.Equal(10, clock.Entries.Length);
        Assert.Equal(0, clock.CounterOf("n1"));
        Assert.Equal(2, clock.CounterOf("n0"));
        Assert.Equal(1, clock.CounterOf("late"));
    }

    [Fact]
    public void Truncation_limit_is_configurable_and_keeps_the_node_just_incremented()
    {
        var clock = VectorClock.From([new("a", 1, 50), new("b", 1, 60), new("c", 1, 70)]);
        var truncated = clock.Increment("a", 10, maxEntries: 2);
        Assert.Equal(["a", "c"], truncated.Entries.Select(e => e.Node));
    }

    [Fact]
    public void Merge_keeps_the_timestamp_of_the_larger_counter()
    {
        var a = VectorClock.From([new("x", 3, 10)]);
        var b = VectorClock.From([new("x", 2, 99)]);
        Assert.Equal(10, a.Merge(b).Entries.Single().Timestamp);
    }

    [Fact]
    public void Clock_with_a_duplicate_node_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => VectorClock.From([new("a", 1, 0), new("a", 2, 0)]));
        Assert.Contains("'a'", e.Message);
    }
}
