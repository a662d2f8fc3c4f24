using Dynamo.Actors.Event;

namespace Dynamo.Actors.Tests;

public sealed class ActorSelectionTests : TestKit.TestKit
{
    private sealed record Select(string Path, object Message);

    private sealed class Parent : ReceiveActor
    {
        public Parent()
        {
            Context.ActorOf(Props.Create<EchoActor>(), "worker-1");
            Context.ActorOf(Props.Create<EchoActor>(), "worker-2");
            Context.ActorOf(Props.Create<EchoActor>(), "other");
            Receive<Select>(m => Context.ActorSelection(m.Path).Tell(m.Message, Sender));
        }
    }

    /// <summary>Creates the parent and waits until its constructor (which creates the children) has run.</summary>
    private IActorRef StartParent()
    {
        var parent = Sys.ActorOf(Props.Create<Parent>(), "p");
        parent.Tell(new Identify(null), TestActor);
        ExpectMsg<ActorIdentity>();
        return parent;
    }

    [Fact]
    public void An_absolute_path_selects_the_actor()
    {
        StartParent();
        Sys.ActorSelection("/user/p/worker-1").Tell("hello", TestActor);
        ExpectMsg("hello");
        Assert.Equal("worker-1", LastSender.Path.Name);
    }

    [Fact]
    public void A_full_address_path_selects_the_actor()
    {
        StartParent();
        Sys.ActorSelection("dynamo://test/user/p/other").Tell("hi", TestActor);
        ExpectMsg("hi");
        Assert.Equal("other", LastSender.Path.Name);
    }

    [Fact]
    public void Relative_paths_walk_to_children_and_parents()
    {
        var parent = StartParent();
        parent.Tell(new Select("worker-2", "down"), TestActor);
        ExpectMsg("down");
        Assert.Equal("worker-2", LastSender.Path.Name);
        parent.Tell(new Select("../p/other", "around"), TestActor);
        ExpectMsg("around");
        Assert.Equal("other", LastSender.Path.Name);
    }

    [Fact]
    public void Wildcards_select_every_matching_sibling()
    {
        StartParent();
        Sys.ActorSelection("/user/p/worker-*").Tell("all", TestActor);
        ExpectMsg("all");
        var first = LastSender.Path.Name;
        ExpectMsg("all");
        var names = new[] { first, LastSender.Path.Name }.Order().ToArray();
        Assert.Equal(["worker-1", "worker-2"], names);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task ResolveOne_returns_the_reference_or_fails_with_ActorNotFound()
    {
        var parent = StartParent();
        var resolved = await Sys.ActorSelection("/user/p").ResolveOne(TimeSpan.FromSeconds(3));
        Assert.Equal(parent, resolved);
        await Assert.ThrowsAsync<ActorNotFoundException>(() => Sys.ActorSelection("/user/missing").ResolveOne(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void A_selection_matching_nobody_produces_a_dead_letter()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        Sys.ActorSelection("/user/ghost").Tell("boo", TestActor);
        Assert.Equal("boo", ExpectMsg<DeadLetter>().Message);
    }

    [Fact]
    public void Identify_through_a_selection_answers_with_the_subject_or_null()
    {
        var parent = StartParent();
        Sys.ActorSelection("/user/p").Tell(new Identify(1), TestActor);
        Assert.Equal(parent, ExpectMsg<ActorIdentity>().Subject);
        Sys.ActorSelection("/user/none").Tell(new Identify(2), TestActor);
        var missing = ExpectMsg<ActorIdentity>();
        Assert.Equal(2, missing.MessageId);
        Assert.Null(missing.Subject);
    }
}
