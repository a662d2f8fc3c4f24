using Dynamo.Actors.Event;

namespace Dynamo.Actors.Tests;

public sealed class ProviderTests : TestKit.TestKit
{
    /// <summary>Stands in for a remote provider: a network address, and foreign paths resolved to a recording reference.</summary>
    private sealed class FakeRemoteProvider(ActorSystem system) : LocalActorRefProvider(system, new Address(Address.TcpProtocol, system.Name, "127.0.0.1", 2552))
    {
        public List<ActorPath> Foreign { get; } = [];

        protected override IActorRef ResolveForeign(ActorPath path)
        {
            Foreign.Add(path);
            return ActorRefs.Nobody;
        }
    }

    [Fact]
    public void Local_paths_resolve_to_the_live_actor()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "echo");
        Assert.Equal(echo, Sys.Provider.ResolveActorRef(echo.Path));
        Assert.Equal(echo, Sys.Provider.ResolveActorRef("/user/echo"));
        Assert.Equal(echo, Sys.Provider.ResolveActorRef(echo.Path.ToSerializationFormat()));
    }

    [Fact]
    public void A_path_of_an_old_incarnation_does_not_resolve_to_the_new_one()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "echo");
        var stale = Sys.Provider.ResolveActorRef(echo.Path.WithUid(echo.Path.Uid + 1));
        Assert.NotEqual(echo, stale);
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        stale.Tell("lost", TestActor);
        Assert.Equal("lost", ExpectMsg<DeadLetter>().Message);
    }

    [Fact]
    public void Unknown_paths_resolve_to_a_dead_letter_stand_in()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        var ghost = Sys.Provider.ResolveActorRef("/user/ghost");
        Assert.Equal("/user/ghost", ghost.Path.ToStringWithoutAddress());
        ghost.Tell("boo", TestActor);
        Assert.Equal(ghost, ExpectMsg<DeadLetter>().Recipient);
    }

    [Fact]
    public void A_provider_factory_gives_the_system_a_network_address_and_resolves_foreign_paths()
    {
        FakeRemoteProvider? provider = null;
        var settings = RealTimeSettings() with { ProviderFactory = s => provider = new FakeRemoteProvider(s) };
        using var system = ActorSystem.Create("net", settings);
        var echo = system.ActorOf(Props.Create<EchoActor>(), "echo");
        Assert.Equal("dynamo.tcp://net@127.0.0.1:2552/user/echo", echo.Path.ToString());
        Assert.Equal(echo, system.Provider.ResolveActorRef("dynamo.tcp://net@127.0.0.1:2552/user/echo"));
        Assert.Same(ActorRefs.Nobody, system.Provider.ResolveActorRef("dynamo.tcp://net@10.0.0.9:2552/user/echo"));
        Assert.Equal("10.0.0.9", Assert.Single(provider!.Foreign).Address.Host);
    }
}
