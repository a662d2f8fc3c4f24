namespace Dynamo.Actors.Tests;

public sealed class TellAskTests : TestKit.TestKit
{
    private sealed class Replier : ReceiveActor
    {
        public Replier()
        {
            Receive<string>(s => s == "fail", _ => Sender.Tell(new Status.Failure(new InvalidOperationException("nope"))));
            Receive<string>(s => s == "silent", _ => { });
            Receive<string>(s => s == "number", _ => Sender.Tell(42));
            Receive<string>(s => Sender.Tell(s + "!"));
        }
    }

    [Fact]
    public void Tell_carries_the_sender_for_replies()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        echo.Tell("ping", TestActor);
        ExpectMsg("ping");
        Assert.Equal(echo, LastSender);
    }

    [Fact]
    public void Forward_keeps_the_original_sender()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        var forwarder = Sys.ActorOf(Props.Create(() => new ForwardingActor(echo)));
        forwarder.Tell("via", TestActor);
        ExpectMsg("via");
        Assert.Equal(echo, LastSender);
    }

    [Fact]
    public async Task Ask_completes_with_the_reply()
    {
        var actor = Sys.ActorOf(Props.Create<Replier>());
        Assert.Equal("hi!", await actor.Ask<string>("hi", TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task Ask_fails_with_the_cause_of_a_Status_Failure_reply()
    {
        var actor = Sys.ActorOf(Props.Create<Replier>());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => actor.Ask<string>("fail", TimeSpan.FromSeconds(3)));
        Assert.Equal("nope", error.Message);
    }

    [Fact]
    public async Task Ask_fails_when_the_reply_has_the_wrong_type()
    {
        var actor = Sys.ActorOf(Props.Create<Replier>());
        await Assert.ThrowsAsync<InvalidCastException>(() => actor.Ask<string>("number", TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task Ask_on_a_selection_resolves_and_replies()
    {
        Sys.ActorOf(Props.Create<Replier>(), "replier");
        Assert.Equal("sel!", await Sys.ActorSelection("/user/replier").Ask<string>("sel", TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task Ask_can_be_cancelled()
    {
        var actor = Sys.ActorOf(Props.Create<Replier>());
        using var cts = new CancellationTokenSource();
        var pending = actor.Ask<string>("silent", TimeSpan.FromSeconds(30), cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }

    [Fact]
    public async Task The_temporary_reply_address_resolves_by_path_while_pending()
    {
        var probe = CreateTestProbe();
        var pending = probe.Ref.Ask<string>("question", TimeSpan.FromSeconds(3));
        probe.ExpectMsg("question");
        var resolved = Sys.Provider.ResolveActorRef(probe.Sender.Path.ToString());
        Assert.Equal(probe.Sender, resolved);
        resolved.Tell("answer", probe.Ref);
        Assert.Equal("answer", await pending);
    }

    [Fact]
    public async Task PipeTo_delivers_results_and_failures_as_messages()
    {
        await Task.FromResult(7).PipeTo(TestActor);
        ExpectMsg(7);
        await Task.FromException<int>(new TimeoutException("late")).PipeTo(TestActor, success: i => $"ok {i}", failure: e => $"failed {e.Message}");
        ExpectMsg("failed late");
        await Task.FromException<int>(new TimeoutException("raw")).PipeTo(TestActor);
        Assert.IsType<TimeoutException>(ExpectMsg<Status.Failure>().Cause);
        await Task.CompletedTask.PipeTo(TestActor);
        ExpectMsg<Status.Success>();
    }

    [Fact]
    public void Telling_null_is_refused()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        Assert.Throws<ArgumentNullException>(() => echo.Tell(null!, TestActor));
    }
}
