namespace Dynamo.Actors.Tests;

public sealed class DeathWatchTests : TestKit.TestKit
{
    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef probe)
        {
            Receive<WatchIt>(w => Context.Watch(w.Target));
            Receive<UnwatchIt>(w => Context.Unwatch(w.Target));
            Receive<Terminated>(t => probe.Tell(t));
            ReceiveAny(m => probe.Tell(m));
        }
    }

    private sealed class Pact : ReceiveActor
    {
        public Pact(IActorRef target) => Context.Watch(target);
    }

    private sealed record WatchIt(IActorRef Target);

    private sealed record UnwatchIt(IActorRef Target);

    [Fact]
    public void A_watcher_gets_Terminated_when_the_watched_actor_stops()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor)));
        watcher.Tell(new WatchIt(target));
        watcher.Tell("watching");
        ExpectMsg("watching");
        target.Tell(PoisonPill.Instance);
        var terminated = ExpectMsg<Terminated>();
        Assert.Equal(target, terminated.ActorRef);
        Assert.True(terminated.ExistenceConfirmed);
    }

    [Fact]
    public void Watching_an_already_dead_actor_yields_Terminated_at_once()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(target);
        Sys.Stop(target);
        ExpectTerminated(target);
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor)));
        watcher.Tell(new WatchIt(target));
        Assert.Equal(target, ExpectMsg<Terminated>().ActorRef);
    }

    [Fact]
    public void Watching_a_path_where_nobody_lives_yields_Terminated()
    {
        var ghost = Sys.Provider.ResolveActorRef("/user/nobody-here");
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor)));
        watcher.Tell(new WatchIt(ghost));
        var terminated = ExpectMsg<Terminated>();
        Assert.False(terminated.ExistenceConfirmed);
    }

    [Fact]
    public void After_Unwatch_no_Terminated_arrives()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor)));
        watcher.Tell(new WatchIt(target));
        watcher.Tell(new UnwatchIt(target));
        watcher.Tell("done");
        ExpectMsg("done");
        Sys.Stop(target);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void An_unhandled_Terminated_stops_the_watcher_with_a_death_pact()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        var pact = Sys.ActorOf(Props.Create(() => new Pact(target)));
        Watch(pact);
        Sys.Stop(target);
        ExpectTerminated(pact);
    }
}
