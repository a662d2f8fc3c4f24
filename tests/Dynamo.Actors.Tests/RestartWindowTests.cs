using Dynamo.Actors.Supervision;

namespace Dynamo.Actors.Tests;

/// <summary>Restart limits per time window, on virtual time.</summary>
public sealed class RestartWindowTests() : TestKit.TestKit(virtualTime: true)
{
    private sealed class Fragile : ReceiveActor
    {
        public Fragile(IActorRef probe)
        {
            Receive<string>(_ => throw new InvalidOperationException("crash"));
            Receive<int>(i => probe.Tell(i));
        }
    }

    private sealed class Parent : ReceiveActor
    {
        private readonly SupervisorStrategy _strategy;

        public Parent(SupervisorStrategy strategy, IActorRef probe)
        {
            _strategy = strategy;
            var child = Context.ActorOf(Props.Create(() => new Fragile(probe)), "child");
            Receive<string>(s => s == "child", _ => Sender.Tell(child));
        }

        protected override SupervisorStrategy SupervisorStrategy() => _strategy;
    }

    private IActorRef ChildOf(SupervisorStrategy strategy)
    {
        var parent = Sys.ActorOf(Props.Create(() => new Parent(strategy, TestActor)));
        parent.Tell("child", TestActor);
        var child = ExpectMsg<IActorRef>();
        Watch(child);
        return child;
    }

    [Fact]
    public void Exceeding_the_retries_within_the_window_stops_the_child()
    {
        var child = ChildOf(new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart));
        child.Tell("crash 1");
        child.Tell("crash 2");
        child.Tell(1);
        ExpectMsg(1);
        child.Tell("crash 3");
        ExpectTerminated(child);
    }

    [Fact]
    public void Failures_spread_beyond_the_window_keep_being_restarted()
    {
        var child = ChildOf(new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart));
        for (int i = 0; i < 5; i++)
        {
            child.Tell("crash");
            RunUntilIdle();
            Advance(TimeSpan.FromSeconds(45));
        }
        child.Tell(7);
        ExpectMsg(7);
    }

    [Fact]
    public void Zero_retries_stops_on_the_first_failure()
    {
        var child = ChildOf(new OneForOneStrategy(0, null, _ => Directive.Restart));
        child.Tell("crash");
        ExpectTerminated(child);
    }

    [Fact]
    public void ChildRestartStats_counts_within_and_resets_after_the_window()
    {
        var stats = new ChildRestartStats(ActorRefs.Nobody);
        var window = TimeSpan.FromSeconds(10);
        Assert.True(stats.RequestRestartPermission(2, window, TimeSpan.FromSeconds(0)));
        Assert.True(stats.RequestRestartPermission(2, window, TimeSpan.FromSeconds(5)));
        Assert.False(stats.RequestRestartPermission(2, window, TimeSpan.FromSeconds(9)));
        Assert.True(stats.RequestRestartPermission(2, window, TimeSpan.FromSeconds(21)));
        Assert.True(stats.RequestRestartPermission(-1, null, TimeSpan.Zero));
    }
}
