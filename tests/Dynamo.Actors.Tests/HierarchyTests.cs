using Dynamo.Actors.Supervision;

namespace Dynamo.Actors.Tests;

public sealed class HierarchyTests : TestKit.TestKit
{
    private sealed class ParentReporter : ReceiveActor
    {
        public ParentReporter() => ReceiveAny(_ => Sender.Tell(Context.Parent));
    }

    private sealed class Spawner : ReceiveActor
    {
        public Spawner()
        {
            Receive<Props>(p => Sender.Tell(Context.ActorOf(p)));
            Receive<Exception>(e => throw e);
        }
    }

    private sealed class Crasher : ReceiveActor
    {
        public Crasher() => Receive<string>(s => throw new InvalidOperationException(s));
    }

    private sealed class SelfPiper : ReceiveActor
    {
        public SelfPiper()
        {
            Receive<string>(s => Task.Run(() => s.Length).PipeTo(Self, Sender));
            Receive<int>(n => Sender.Tell($"length {n}"));
        }
    }

    [Fact]
    public void Parent_is_the_creator_and_top_level_actors_belong_to_the_user_guardian()
    {
        var top = Sys.ActorOf(Props.Create<Spawner>());
        var reporter = Sys.ActorOf(Props.Create<ParentReporter>());
        reporter.Tell("who", TestActor);
        Assert.Equal("/user", ExpectMsg<IActorRef>().Path.ToStringWithoutAddress());
        top.Tell(Props.Create<ParentReporter>(), TestActor);
        var child = ExpectMsg<IActorRef>();
        child.Tell("who", TestActor);
        Assert.Equal(top, ExpectMsg<IActorRef>());
    }

    [Fact]
    public void System_actors_live_under_the_system_guardian()
    {
        var actor = Sys.SystemActorOf(Props.Create<EchoActor>(), "service");
        Assert.Equal("/system/service", actor.Path.ToStringWithoutAddress());
    }

    [Fact]
    public void Props_supervisor_strategy_overrides_the_actors_own()
    {
        var spawner = Sys.ActorOf(Props.Create<Spawner>().WithSupervisorStrategy(SupervisorStrategy.StoppingStrategy));
        spawner.Tell(Props.Create<Crasher>(), TestActor);
        var crasher = ExpectMsg<IActorRef>();
        Watch(crasher);
        crasher.Tell("die");
        ExpectTerminated(crasher);
    }

    [Fact]
    public void AllForOne_stop_stops_every_sibling()
    {
        var spawner = Sys.ActorOf(Props.Create<Spawner>().WithSupervisorStrategy(new AllForOneStrategy(_ => Directive.Stop)));
        spawner.Tell(Props.Create<Crasher>(), TestActor);
        var crasher = ExpectMsg<IActorRef>();
        spawner.Tell(Props.Create<EchoActor>(), TestActor);
        var sibling = ExpectMsg<IActorRef>();
        Watch(crasher);
        Watch(sibling);
        crasher.Tell("die");
        var stopped = new[] { ExpectMsg<Terminated>().ActorRef, ExpectMsg<Terminated>().ActorRef };
        Assert.Contains(crasher, stopped);
        Assert.Contains(sibling, stopped);
    }

    [Fact]
    public void A_restarted_parent_stops_its_old_children_by_default()
    {
        var spawner = Sys.ActorOf(Props.Create<Spawner>());
        spawner.Tell(Props.Create<EchoActor>(), TestActor);
        var child = ExpectMsg<IActorRef>();
        Watch(child);
        spawner.Tell(new InvalidOperationException("restart parent"));
        ExpectTerminated(child);
        spawner.Tell(Props.Create<EchoActor>(), TestActor);
        ExpectMsg<IActorRef>();
    }

    [Fact]
    public void PipeTo_self_keeps_the_original_sender()
    {
        var piper = Sys.ActorOf(Props.Create<SelfPiper>());
        piper.Tell("hello", TestActor);
        ExpectMsg("length 5");
    }
}
