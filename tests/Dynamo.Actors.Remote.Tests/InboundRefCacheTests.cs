namespace Dynamo.Actors.Remote.Tests;

public sealed class InboundRefCacheTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("cache", new ActorSystemSettings { StdoutLogger = false });

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(5));

    private static string PathOf(int i) => $"dynamo.tcp://node@127.0.0.1:2552/user/kv/$c{i}#{1_000_003L * i}";

    [Fact]
    public void A_path_is_remembered_only_from_its_second_arrival()
    {
        var cache = new InboundRefCache(64);
        var actor = _system.DeadLetters;

        cache.Offer(PathOf(1), actor);
        Assert.False(cache.TryGet(PathOf(1), out _));

        cache.Offer(PathOf(1), actor);
        Assert.True(cache.TryGet(PathOf(1), out var found));
        Assert.Same(actor, found);
    }

    [Fact]
    public void The_cache_never_holds_more_references_than_its_capacity()
    {
        var cache = new InboundRefCache(64);
        for (int i = 0; i < 10_000; i++)
        {
            cache.Offer(PathOf(i), _system.DeadLetters);
            cache.Offer(PathOf(i), _system.DeadLetters);
        }

        Assert.InRange(cache.Count, 1, cache.Capacity);
        Assert.Equal(64, cache.Capacity);
    }

    [Fact]
    public void Another_incarnation_of_a_path_is_not_served_the_remembered_reference()
    {
        var cache = new InboundRefCache(64);
        const string old = "dynamo.tcp://node@127.0.0.1:2552/user/vnode#11";
        cache.Offer(old, _system.DeadLetters);
        cache.Offer(old, _system.DeadLetters);

        Assert.True(cache.TryGet(old, out _));
        Assert.False(cache.TryGet("dynamo.tcp://node@127.0.0.1:2552/user/vnode#12", out _));
    }

    [Fact]
    public void Forget_and_clear_drop_remembered_references()
    {
        var cache = new InboundRefCache(64);
        foreach (var i in new[] { 1, 2 })
        {
            cache.Offer(PathOf(i), _system.DeadLetters);
            cache.Offer(PathOf(i), _system.DeadLetters);
        }

        cache.Forget(PathOf(1));
        Assert.False(cache.TryGet(PathOf(1), out _));
        Assert.True(cache.TryGet(PathOf(2), out _));

        cache.Clear();
        Assert.Equal(0, cache.Count);
        cache.Offer(PathOf(2), _system.DeadLetters);
        Assert.False(cache.TryGet(PathOf(2), out _));
    }

    [Fact]
    public void A_capacity_that_is_not_a_power_of_two_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new InboundRefCache(100));
        Assert.Contains("power of two", error.Message);
    }
}
