namespace Dynamo.Actors.Tests;

public sealed class ActorOfTests : TestKit.TestKit
{
    [Fact]
    public void Top_level_actors_live_under_user_with_the_system_address()
    {
        var actor = Sys.ActorOf(Props.Create<EchoActor>(), "echo");
        Assert.Equal("dynamo://test/user/echo", actor.Path.ToString());
        Assert.NotEqual(ActorPath.UndefinedUid, actor.Path.Uid);
    }

    [Fact]
    public void Children_live_under_their_parent()
    {
        var parent = Sys.ActorOf(Props.Create(() => new LifecycleActor(TestActor, "p")), "parent");
        ExpectMsg("p:PreStart");
        parent.Tell(Props.Create<EchoActor>(), TestActor);
        var child = ExpectMsg<IActorRef>();
        Assert.Equal("dynamo://test/user/parent/child", child.Path.ToString());
    }

    [Fact]
    public void A_name_taken_by_a_sibling_is_refused()
    {
        Sys.ActorOf(Props.Create<EchoActor>(), "same");
        var error = Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<EchoActor>(), "same"));
        Assert.Contains("not unique", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("$reserved")]
    [InlineData("with space")]
    [InlineData("ümlaut")]
    public void Illegal_names_are_refused_with_a_clear_error(string name)
    {
        var error = Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<EchoActor>(), name));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Omitted_names_are_generated_and_distinct()
    {
        var names = Enumerable.Range(0, 50).Select(_ => Sys.ActorOf(Props.Create<EchoActor>()).Path.Name).ToList();
        Assert.All(names, n => Assert.StartsWith("$", n));
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public void Constructing_an_actor_with_new_outside_ActorOf_fails()
    {
        Assert.Throws<ActorInitializationException>(() => new EchoActor());
    }

    [Fact]
    public void Props_for_a_non_actor_type_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Props.Create(typeof(string)));
    }

    [Fact]
    public void Props_by_type_passes_constructor_arguments()
    {
        var actor = Sys.ActorOf(Props.Create(typeof(LifecycleActor), TestActor, "typed"));
        ExpectMsg("typed:PreStart");
        actor.Tell("hi", TestActor);
        ExpectMsg("typed:got:hi");
    }

    [Fact]
    public void Invalid_system_names_and_settings_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ActorSystem.Create("bad name"));
        Assert.Throws<ArgumentException>(() => ActorSystem.Create("ok", ActorSystemSettings.Default with { Throughput = 0 }));
        Assert.Throws<ArgumentException>(() => ActorSystem.Create("ok", ActorSystemSettings.Default with { DefaultAskTimeout = TimeSpan.Zero }));
    }
}
