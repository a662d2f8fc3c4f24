using Dynamo.Actors.Supervision;

namespace Dynamo.Actors.Tests;

public sealed class SupervisionTests : TestKit.TestKit
{
    /// <summary>Counts messages, reports its hooks, throws on request.</summary>
    private sealed class Worker : ReceiveActor
    {
        private readonly IActorRef _probe;
        private int _count;

        public Worker(IActorRef probe)
        {
            _probe = probe;
            Receive<Exception>(e => throw e);
            Receive<string>(s => s == "count", _ => Sender.Tell(_count));
            ReceiveAny(_ => _count++);
        }

        protected override void PreStart() => _probe.Tell("PreStart");

        protected override void PostStop() => _probe.Tell("PostStop");

        protected override void PreRestart(Exception reason, object? message)
        {
            _probe.Tell($"PreRestart:{reason.Message}:{(message as Exception)?.Message}");
            base.PreRestart(reason, message);
        }

        protected override void PostRestart(Exception reason)
        {
            _probe.Tell($"PostRestart:{reason.Message}");
            base.PostRestart(reason);
        }
    }

    /// <summary>Supervises children with a given strategy and creates them on request.</summary>
    private sealed class Supervisor : ReceiveActor
    {
        private readonly SupervisorStrategy _strategy;

        public Supervisor(SupervisorStrategy strategy, IActorRef? probe = null)
        {
            _strategy = strategy;
            Receive<Props>(p => Sender.Tell(Context.ActorOf(p)));
            Receive<(Props Props, string Name)>(p => Sender.Tell(Context.ActorOf(p.Props, p.Name)));
            Receive<Exception>(e => throw e);
        }

        protected override SupervisorStrategy SupervisorStrategy() => _strategy;

        protected override void PreRestart(Exception reason, object? message) => Context.System.EventStream.Publish($"supervisor restarted: {reason.Message}");
    }

    private sealed class FailingConstructor : ReceiveActor
    {
        public FailingConstructor() => throw new InvalidOperationException("cannot start");
    }

    private IActorRef Child(IActorRef supervisor, Props props)
    {
        supervisor.Tell(props, TestActor);
        return ExpectMsg<IActorRef>();
    }

    private Props WorkerProps(IActorRef probe) => Props.Create(() => new Worker(probe));

    [Fact]
    public void The_default_strategy_restarts_with_fresh_state_and_keeps_the_mailbox()
    {
        var worker = Sys.ActorOf(WorkerProps(TestActor));
        ExpectMsg("PreStart");
        worker.Tell("a");
        worker.Tell("b");
        worker.Tell(new InvalidOperationException("oops"));
        worker.Tell("c");
        worker.Tell("count", TestActor);
        ExpectMsg("PreRestart:oops:oops");
        ExpectMsg("PostStop");
        ExpectMsg("PostRestart:oops");
        ExpectMsg("PreStart");
        ExpectMsg(1);
    }

    [Fact]
    public void Resume_keeps_the_actor_and_its_state()
    {
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(new OneForOneStrategy(_ => Directive.Resume), null)));
        var worker = Child(supervisor, WorkerProps(TestActor));
        ExpectMsg("PreStart");
        worker.Tell("a");
        worker.Tell(new InvalidOperationException("ignored"));
        worker.Tell("b");
        worker.Tell("count", TestActor);
        ExpectMsg(2);
    }

    [Fact]
    public void Stop_directive_stops_the_child()
    {
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(SupervisorStrategy.StoppingStrategy, null)));
        var worker = Child(supervisor, WorkerProps(TestActor));
        ExpectMsg("PreStart");
        Watch(worker);
        worker.Tell(new InvalidOperationException("fatal"));
        ExpectMsg("PostStop");
        ExpectTerminated(worker);
    }

    [Fact]
    public void Escalate_fails_the_supervisor_which_its_own_parent_restarts()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(string));
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(new OneForOneStrategy(_ => Directive.Escalate), null)));
        var worker = Child(supervisor, WorkerProps(TestActor));
        ExpectMsg("PreStart");
        worker.Tell(new InvalidOperationException("up"));
        FishForMessage(m => m is "supervisor restarted: up");
        supervisor.Tell(WorkerProps(TestActor), TestActor);
        FishForMessage<IActorRef>(_ => true);
    }

    [Fact]
    public void AllForOne_restarts_every_sibling()
    {
        var probeA = CreateTestProbe();
        var probeB = CreateTestProbe();
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(new AllForOneStrategy(_ => Directive.Restart), null)));
        var a = Child(supervisor, WorkerProps(probeA.Ref));
        Child(supervisor, WorkerProps(probeB.Ref));
        probeA.ExpectMsg("PreStart");
        probeB.ExpectMsg("PreStart");
        a.Tell(new InvalidOperationException("all"));
        probeA.ExpectMsg("PreRestart:all:all");
        probeB.ExpectMsg<string>(s => s.StartsWith("PreRestart:all"));
        probeA.FishForMessage(m => m is "PostRestart:all");
        probeB.FishForMessage(m => m is "PostRestart:all");
    }

    [Fact]
    public void OneForOne_leaves_siblings_alone()
    {
        var probeA = CreateTestProbe();
        var probeB = CreateTestProbe();
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(SupervisorStrategy.DefaultStrategy, null)));
        var a = Child(supervisor, WorkerProps(probeA.Ref));
        var b = Child(supervisor, WorkerProps(probeB.Ref));
        probeA.ExpectMsg("PreStart");
        probeB.ExpectMsg("PreStart");
        b.Tell("x");
        a.Tell(new InvalidOperationException("one"));
        probeA.ExpectMsg("PreRestart:one:one");
        b.Tell("count", probeB.Ref);
        probeB.ExpectMsg(1);
    }

    [Fact]
    public void Kill_makes_the_actor_fail_with_ActorKilledException_and_stop()
    {
        var worker = Sys.ActorOf(WorkerProps(TestActor));
        ExpectMsg("PreStart");
        Watch(worker);
        worker.Tell(Kill.Instance);
        ExpectMsg("PostStop");
        ExpectTerminated(worker);
    }

    [Fact]
    public void A_failing_constructor_stops_the_actor_with_ActorInitializationException()
    {
        var decisions = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(new OneForOneStrategy(e =>
        {
            decisions.Enqueue(e);
            return SupervisorStrategy.DefaultDecider(e);
        }), null)));
        var child = Child(supervisor, Props.Create<FailingConstructor>());
        Watch(child);
        ExpectTerminated(child);
        var error = Assert.IsType<ActorInitializationException>(Assert.Single(decisions));
        Assert.Equal("cannot start", error.InnerException!.Message);
    }

    [Fact]
    public void A_failing_top_level_actor_does_not_take_the_system_down()
    {
        var bad = Sys.ActorOf(Props.Create<FailingConstructor>());
        Watch(bad);
        ExpectTerminated(bad);
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        echo.Tell("still alive", TestActor);
        ExpectMsg("still alive");
        Assert.False(Sys.WhenTerminated.IsCompleted);
    }

    [Fact]
    public void A_failing_user_guardian_is_logged_and_the_system_keeps_running()
    {
        var settings = RealTimeSettings() with
        {
            GuardianSupervisorStrategy = new OneForOneStrategy(_ => Directive.Escalate),
            StdoutLogLevel = Event.LogLevel.Off,
        };
        using var system = ActorSystem.Create("guardian", settings);
        var probe = new TestKit.TestProbe(system);
        system.EventStream.Subscribe(probe.Ref, typeof(Event.Error));
        var worker = system.ActorOf(WorkerProps(probe.Ref), "w");
        probe.ExpectMsg("PreStart");
        worker.Tell("a");
        worker.Tell(new InvalidOperationException("to the top"));
        var logged = probe.FishForMessage<Event.Error>(e => e.Message.Contains("/user failed"));
        Assert.Equal("to the top", logged.Cause!.Message);
        worker.Tell("count", probe.Ref);
        probe.ExpectMsg(1);
        var echo = system.ActorOf(Props.Create<EchoActor>());
        echo.Tell("alive", probe.Ref);
        probe.ExpectMsg("alive");
        Assert.False(system.WhenTerminated.IsCompleted);
    }
}
