namespace Dynamo.Actors.Tests;

/// <summary>Ask deadlines on virtual time: no real waiting, exact boundaries.</summary>
public sealed class AskTimeoutTests() : TestKit.TestKit(virtualTime: true)
{
    private sealed class Silent : ReceiveActor
    {
        public Silent() => ReceiveAny(_ => { });
    }

    [Fact]
    public void Ask_fails_with_AskTimeoutException_once_the_timeout_passes()
    {
        var actor = Sys.ActorOf(Props.Create<Silent>());
        var pending = actor.Ask<string>("anyone?", TimeSpan.FromSeconds(5));
        Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(pending.IsCompleted);
        Advance(TimeSpan.FromSeconds(0.2));
        var error = Assert.Throws<AggregateException>(() => pending.Wait(TimeSpan.FromSeconds(3)));
        Assert.IsType<AskTimeoutException>(error.InnerException);
    }

    [Fact]
    public void Ask_uses_the_default_timeout_when_none_is_given()
    {
        var actor = Sys.ActorOf(Props.Create<Silent>());
        var pending = actor.Ask<string>("anyone?");
        Advance(Sys.Settings.DefaultAskTimeout - TimeSpan.FromMilliseconds(1));
        Assert.False(pending.IsCompleted);
        Advance(TimeSpan.FromMilliseconds(2));
        Assert.True(pending.IsFaulted);
    }

    [Fact]
    public void A_reply_after_the_timeout_goes_to_dead_letters()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(Event.DeadLetter));
        var probe = CreateTestProbe();
        var pending = probe.Ref.Ask<string>("q", TimeSpan.FromSeconds(1));
        probe.ExpectMsg("q");
        Advance(TimeSpan.FromSeconds(2));
        Assert.True(pending.IsFaulted);
        probe.Reply("too late");
        Assert.Equal("too late", ExpectMsg<Event.DeadLetter>().Message);
    }
}
