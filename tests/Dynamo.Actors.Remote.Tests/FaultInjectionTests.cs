using Dynamo.Actors.Remote.FaultInjection;

namespace Dynamo.Actors.Remote.Tests;

public class FaultInjectionTests
{
    private readonly NetworkFaults _faults = new(seed: 7);

    private Task<TestNode> Node(string name, RemoteSettings? settings = null) =>
        TestNode.StartAsync(name, settings, decorate: t => new FaultInjectingTransport(t, _faults));

    private static async Task Associate(TestNode from, TestNode to)
    {
        from.Remoting.Send(to.Address, "/user/x", null, "hello");
        await Eventually.True(() => to.ReceivedStrings.Contains("hello"), $"{to.Address.System} heard from {from.Address.System}");
    }

    [Fact(Timeout = 30_000)]
    public async Task Blackholed_link_loses_frames_until_healed()
    {
        await using var a = await Node("a");
        await using var b = await Node("b");
        await Associate(a, b);

        _faults.Blackhole(a.Address, b.Address);
        a.Remoting.Send(b.Address, "/user/x", null, "lost");
        b.Remoting.Send(a.Address, "/user/x", null, "lost too");
        await Eventually.Never(() => b.ReceivedStrings.Contains("lost") || a.ReceivedStrings.Contains("lost too"), "a blackholed frame arrived", TimeSpan.FromMilliseconds(300));
        _faults.Heal(a.Address, b.Address);
        a.Remoting.Send(b.Address, "/user/x", null, "healed");
        b.Remoting.Send(a.Address, "/user/x", null, "healed too");

        await Eventually.True(() => b.ReceivedStrings.Contains("healed") && a.ReceivedStrings.Contains("healed too"), "frames flow again both ways");
        Assert.DoesNotContain("lost", b.ReceivedStrings);
    }

    [Fact(Timeout = 30_000)]
    public async Task One_way_blackhole_loses_only_that_direction()
    {
        await using var a = await Node("a");
        await using var b = await Node("b");
        await Associate(a, b);

        _faults.Blackhole(a.Address, b.Address, ThrottleDirection.Send);
        a.Remoting.Send(b.Address, "/user/x", null, "a to b");
        b.Remoting.Send(a.Address, "/user/x", null, "b to a");

        await Eventually.True(() => a.ReceivedStrings.Contains("b to a"), "b's frame reached a");
        await Eventually.Never(() => b.ReceivedStrings.Contains("a to b"), "a's frame crossed the one-way blackhole", TimeSpan.FromMilliseconds(300));
    }

    [Fact(Timeout = 30_000)]
    public async Task Dropping_a_fraction_loses_some_frames_and_keeps_the_order_of_the_rest()
    {
        const int count = 2000;
        await using var a = await Node("a");
        await using var b = await Node("b");
        await Associate(a, b);

        _faults.Drop(a.Address, b.Address, 0.5, ThrottleDirection.Send);
        for (int i = 0; i < count; i++) a.Remoting.Send(b.Address, "/user/x", null, BitConverter.GetBytes(i));
        _faults.HealAll();
        a.Remoting.Send(b.Address, "/user/x", null, "marker");
        await Eventually.True(() => b.ReceivedStrings.Contains("marker"), "the marker after healing arrived");

        var numbers = b.Received.Select(e => e.Message).OfType<byte[]>().Select(m => BitConverter.ToInt32(m)).ToList();
        Assert.InRange(numbers.Count, count / 4, count * 3 / 4);
        Assert.Equal(numbers.Order(), numbers);
    }

    [Fact(Timeout = 30_000)]
    public async Task Delayed_link_holds_frames_back_and_keeps_their_order()
    {
        await using var a = await Node("a");
        await using var b = await Node("b");
        await Associate(a, b);

        _faults.Delay(a.Address, b.Address, TimeSpan.FromSeconds(1));
        for (int i = 0; i < 10; i++) a.Remoting.Send(b.Address, "/user/x", null, $"late {i}");
        await Eventually.Never(() => b.ReceivedStrings.Any(s => s.StartsWith("late", StringComparison.Ordinal)), "a delayed frame arrived early", TimeSpan.FromMilliseconds(200));
        _faults.HealAll();
        a.Remoting.Send(b.Address, "/user/x", null, "after heal");

        await Eventually.True(() => b.ReceivedStrings.Contains("after heal"), "frames flowed after healing");
        var order = b.ReceivedStrings.Where(s => s != "hello").ToList();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"late {i}").Append("after heal"), order);
    }

    [Fact(Timeout = 30_000)]
    public async Task Partition_separates_the_sides_and_heal_reunites_them()
    {
        await using var a = await Node("a");
        await using var b = await Node("b");
        await using var c = await Node("c");
        await Associate(a, b);
        await Associate(b, c);

        _faults.Partition([a.Address], [b.Address, c.Address]);
        a.Remoting.Send(b.Address, "/user/x", null, "across");
        b.Remoting.Send(c.Address, "/user/x", null, "same side");
        await Eventually.True(() => c.ReceivedStrings.Contains("same side"), "b and c still talk");
        await Eventually.Never(() => b.ReceivedStrings.Contains("across"), "a frame crossed the partition", TimeSpan.FromMilliseconds(300));
        _faults.HealAll();
        a.Remoting.Send(b.Address, "/user/x", null, "reunited");

        await Eventually.True(() => b.ReceivedStrings.Contains("reunited"), "a reached b after healing");
    }

    [Fact(Timeout = 30_000)]
    public async Task A_silent_association_is_closed_after_the_idle_timeout_and_reopened_after_healing()
    {
        var settings = TestNode.DefaultSettings with { HeartbeatInterval = TimeSpan.FromMilliseconds(100), IdleTimeout = TimeSpan.FromMilliseconds(600) };
        await using var a = await Node("a", settings);
        await using var b = await Node("b", settings);
        await Associate(a, b);

        _faults.Blackhole(a.Address, b.Address);
        // Whichever side times out first closes the connection; the other then sees it closed.
        await Eventually.True(() => a.Events.Concat(b.Events).OfType<Events.AssociationLost>().Any(l => l.Reason.Contains("nothing received")), "a side gave up on the silent association");
        await Eventually.True(() => a.Events.OfType<Events.AssociationLost>().Any(), "a lost the association");
        _faults.HealAll();
        a.Remoting.Send(b.Address, "/user/x", null, "back");

        await Eventually.True(() => b.ReceivedStrings.Contains("back"), "a reassociated with b");
    }
}
