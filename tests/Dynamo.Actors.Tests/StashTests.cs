namespace Dynamo.Actors.Tests;

public sealed class StashTests() : TestKit.TestKit(virtualTime: true)
{
    private sealed class Gate : ReceiveActor, IWithStash
    {
        public Gate(IActorRef probe)
        {
            Receive<string>(s => s == "open", _ =>
            {
                Become(() =>
                {
                    Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("restart"));
                    Receive<string>(s => probe.Tell($"open:{s}"));
                });
                Stash.UnstashAll();
            });
            Receive<string>(s => s == "twice", _ =>
            {
                Stash.Stash();
                try
                {
                    Stash.Stash();
                }
                catch (InvalidOperationException)
                {
                    probe.Tell("refused");
                }
            });
            Receive<Exception>(e => throw e);
            Receive<string>(_ => Stash.Stash());
        }

        public IStash Stash { get; set; } = null!;
    }

    [Fact]
    public void Stashed_messages_come_back_in_order_before_newer_ones()
    {
        var gate = Sys.ActorOf(Props.Create(() => new Gate(TestActor)));
        gate.Tell("a");
        gate.Tell("b");
        gate.Tell("open");
        gate.Tell("c");
        Assert.Equal(["open:a", "open:b", "open:c"], ReceiveN(3));
    }

    [Fact]
    public void Stashing_the_same_message_twice_is_refused()
    {
        var gate = Sys.ActorOf(Props.Create(() => new Gate(TestActor)));
        gate.Tell("twice");
        ExpectMsg("refused");
        gate.Tell("open");
        ExpectMsg("open:twice");
    }

    [Fact]
    public void Stashed_messages_survive_a_restart()
    {
        var gate = Sys.ActorOf(Props.Create(() => new Gate(TestActor)));
        gate.Tell("x");
        gate.Tell("y");
        gate.Tell(new InvalidOperationException("restart while closed"));
        RunUntilIdle();
        // The restarted instance starts closed again, so it stashes the returned messages anew until opened.
        gate.Tell("open");
        Assert.Equal(["open:x", "open:y"], ReceiveN(2));
    }

    [Fact]
    public void Stashed_messages_become_dead_letters_when_the_actor_stops()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(Event.DeadLetter));
        var gate = Sys.ActorOf(Props.Create(() => new Gate(TestActor)));
        gate.Tell("kept");
        RunUntilIdle();
        Sys.Stop(gate);
        Assert.Equal("kept", ExpectMsg<Event.DeadLetter>().Message);
    }
}
