using Dynamo.Actors.Event;

namespace Dynamo.Actors.Tests;

public sealed class ReceiveActorTests : TestKit.TestKit
{
    private sealed class Typed : ReceiveActor
    {
        public Typed()
        {
            Receive<int>(i => Sender.Tell($"small {i}"), i => i < 10);
            Receive<int>(i => Sender.Tell($"large {i}"));
            Receive<string>(s => Sender.Tell($"string {s}"));
        }
    }

    private sealed class Switching : ReceiveActor
    {
        public Switching()
        {
            Receive<string>(s => s == "angry", _ => BecomeStacked(Angry));
            Receive<string>(s => s == "calm", _ => Become(Calm));
            Receive<string>(s => Sender.Tell($"happy {s}"));
        }

        private void Angry()
        {
            Receive<string>(s => s == "unbecome", _ => UnbecomeStacked());
            Receive<string>(s => Sender.Tell($"angry {s}"));
        }

        private void Calm() => Receive<string>(s => Sender.Tell($"calm {s}"));
    }

    private sealed class Untyped : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is string s) Sender.Tell(s.ToUpperInvariant());
            else Unhandled(message);
        }
    }

    private sealed class LateDeclaration : ReceiveActor
    {
        public LateDeclaration() => ReceiveAny(_ =>
        {
            try
            {
                Receive<int>(_ => { });
            }
            catch (InvalidOperationException e)
            {
                Sender.Tell(e.Message);
            }
        });
    }

    [Fact]
    public void The_first_matching_handler_and_predicate_wins()
    {
        var actor = Sys.ActorOf(Props.Create<Typed>());
        actor.Tell(3, TestActor);
        actor.Tell(30, TestActor);
        actor.Tell("x", TestActor);
        ExpectMsg("small 3");
        ExpectMsg("large 30");
        ExpectMsg("string x");
    }

    [Fact]
    public void Unhandled_messages_are_published_on_the_event_stream()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(UnhandledMessage));
        var actor = Sys.ActorOf(Props.Create<Typed>());
        actor.Tell(2.5, TestActor);
        var unhandled = ExpectMsg<UnhandledMessage>();
        Assert.Equal(2.5, unhandled.Message);
        Assert.Equal(actor, unhandled.Recipient);
        Assert.Equal(TestActor, unhandled.Sender);
    }

    [Fact]
    public void BecomeStacked_and_UnbecomeStacked_switch_and_restore_behaviour()
    {
        var actor = Sys.ActorOf(Props.Create<Switching>());
        actor.Tell("a", TestActor);
        actor.Tell("angry", TestActor);
        actor.Tell("b", TestActor);
        actor.Tell("unbecome", TestActor);
        actor.Tell("c", TestActor);
        actor.Tell("calm", TestActor);
        actor.Tell("d", TestActor);
        ExpectMsg("happy a");
        ExpectMsg("angry b");
        ExpectMsg("happy c");
        ExpectMsg("calm d");
    }

    [Fact]
    public void UntypedActor_handles_and_reports_unhandled()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(UnhandledMessage));
        var actor = Sys.ActorOf(Props.Create<Untyped>());
        actor.Tell("abc", TestActor);
        ExpectMsg("ABC");
        actor.Tell(1, TestActor);
        Assert.Equal(1, ExpectMsg<UnhandledMessage>().Message);
    }

    [Fact]
    public void Declaring_handlers_outside_the_constructor_is_refused()
    {
        var actor = Sys.ActorOf(Props.Create<LateDeclaration>());
        actor.Tell("go", TestActor);
        Assert.Contains("constructor", ExpectMsg<string>());
    }
}
