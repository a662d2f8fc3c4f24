namespace Dynamo.Actors.Tests;

public sealed class ReceiveTimeoutTests() : TestKit.TestKit(virtualTime: true)
{
    private sealed class Idle : ReceiveActor
    {
        public Idle(IActorRef probe)
        {
            Context.SetReceiveTimeout(TimeSpan.FromSeconds(10));
            Receive<ReceiveTimeout>(_ => probe.Tell("idle"));
            Receive<string>(s => s == "off", _ => Context.SetReceiveTimeout(null));
            Receive<string>(_ => { });
        }
    }

    [Fact]
    public void ReceiveTimeout_arrives_after_a_quiet_period_and_activity_postpones_it()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Idle(TestActor)));
        RunUntilIdle();
        Advance(TimeSpan.FromSeconds(8));
        actor.Tell("activity");
        ExpectNoMsg(TimeSpan.FromSeconds(8));
        Advance(TimeSpan.FromSeconds(2));
        ExpectMsg("idle");
    }

    [Fact]
    public void A_switched_off_receive_timeout_never_fires()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Idle(TestActor)));
        actor.Tell("off");
        ExpectNoMsg(TimeSpan.FromSeconds(60));
    }
}
