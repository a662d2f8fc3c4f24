namespace Dynamo.Actors.Tests;

public sealed class ExtensionTests : TestKit.TestKit
{
    private sealed class Counter : IExtension
    {
        public Counter(ActorSystem system) => System = system;

        public ActorSystem System { get; }
    }

    private sealed class CounterId : ExtensionIdProvider<Counter>
    {
        public int Created { get; private set; }

        public override Counter CreateExtension(ActorSystem system)
        {
            Created++;
            return new Counter(system);
        }
    }

    [Fact]
    public void An_extension_is_created_once_per_system_and_found_by_type()
    {
        var id = new CounterId();
        Assert.False(Sys.HasExtension<Counter>());
        Assert.Null(Sys.GetExtension<Counter>());
        var first = id.Get(Sys);
        var second = Sys.RegisterExtension(id);
        Assert.Same(first, second);
        Assert.Same(first, Sys.GetExtension<Counter>());
        Assert.True(Sys.HasExtension<Counter>());
        Assert.Same(Sys, first.System);
        Assert.Equal(1, id.Created);
    }

    [Fact]
    public void Concurrent_registration_still_creates_one_instance()
    {
        var id = new CounterId();
        var all = Enumerable.Range(0, 16).AsParallel().Select(_ => Sys.RegisterExtension(id)).ToList();
        Assert.All(all, c => Assert.Same(all[0], c));
        Assert.Equal(1, id.Created);
    }
}
