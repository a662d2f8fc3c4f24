using Xunit.Sdk;

namespace Dynamo.Actors.Tests;

public sealed class TestKitTests : TestKit.TestKit
{
    [Fact]
    public void ExpectMsg_fails_on_timeout_and_on_a_different_message()
    {
        Assert.Throws<XunitException>(() => ExpectMsg<string>(TimeSpan.FromMilliseconds(50)));
        TestActor.Tell(5, null);
        Assert.Throws<XunitException>(() => ExpectMsg<string>());
        TestActor.Tell("b", null);
        Assert.Throws<XunitException>(() => ExpectMsg("a"));
        TestActor.Tell("c", null);
        Assert.Throws<XunitException>(() => ExpectMsg<string>(s => s == "d"));
    }

    [Theory]
    [InlineData(null, 1.0)]
    [InlineData("", 1.0)]
    [InlineData("3", 3.0)]
    [InlineData("1.5", 1.5)]
    public void The_time_factor_is_read_from_its_variable_and_is_1_when_unset(string? text, double factor) =>
        Assert.Equal(factor, TestKit.TimeFactor.Parse(text));

    [Theory]
    [InlineData("0.5")]
    [InlineData("fast")]
    [InlineData("NaN")]
    [InlineData("-2")]
    public void A_time_factor_below_1_or_not_a_number_is_refused_with_the_variable_named(string text) =>
        Assert.Contains(TestKit.TimeFactor.Variable, Assert.Throws<ArgumentException>(() => TestKit.TimeFactor.Parse(text)).Message);

    [Fact]
    public void The_default_timeout_is_3_seconds_stretched_by_the_time_factor() =>
        Assert.Equal(TimeSpan.FromSeconds(3) * TestKit.TimeFactor.Value, DefaultTimeout);

    [Fact]
    public void ExpectNoMsg_fails_when_a_message_arrives()
    {
        TestActor.Tell("surprise", null);
        // The window only bounds the wait: the expectation fails as soon as the message lands, so a long one
        // costs nothing and keeps the test right on a loaded machine where delivery may take a while.
        Assert.Throws<XunitException>(() => ExpectNoMsg(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void FishForMessage_skips_non_matching_messages()
    {
        foreach (var i in new[] { 1, 2, 3, 4 }) TestActor.Tell(i, null);
        Assert.Equal(3, FishForMessage<int>(i => i > 2));
        ExpectMsg(4);
    }

    [Fact]
    public void ExpectMsgAllOf_accepts_any_order_but_not_strangers()
    {
        foreach (var m in new[] { "b", "a", "c" }) TestActor.Tell(m, null);
        Assert.Equal(3, ExpectMsgAllOf("a", "b", "c").Count);
        foreach (var m in new[] { "a", "x" }) TestActor.Tell(m, null);
        Assert.Throws<XunitException>(() => ExpectMsgAllOf("a", "b"));
    }

    [Fact]
    public void Within_fails_when_the_block_is_too_slow_or_too_fast()
    {
        Assert.Throws<XunitException>(() => Within(TimeSpan.FromMilliseconds(20), () => Thread.Sleep(200)));
        Assert.Throws<XunitException>(() => Within(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), () => { }));
        Within(TimeSpan.FromSeconds(5), () =>
        {
            TestActor.Tell("in time", null);
            ExpectMsg("in time");
            Assert.True(Remaining <= TimeSpan.FromSeconds(5));
        });
    }

    [Fact]
    public void AwaitAssert_retries_until_success_and_rethrows_at_the_deadline()
    {
        int attempts = 0;
        AwaitAssert(() => Assert.True(++attempts >= 3), TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(10));
        Assert.Equal(3, attempts);
        Assert.ThrowsAny<Exception>(() => AwaitAssert(() => Assert.Fail("never"), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(10)));
    }

    [Fact]
    public void A_probe_replies_to_the_sender_of_its_last_message()
    {
        var probe = CreateTestProbe();
        var forwarder = Sys.ActorOf(Props.Create(() => new ForwardingActor(probe.Ref)));
        forwarder.Tell("question", TestActor);
        probe.ExpectMsg("question");
        Assert.Equal(TestActor, probe.Sender);
        probe.Reply("answer");
        ExpectMsg("answer");
        Assert.Equal(probe.Ref, LastSender);
    }

    [Fact]
    public void ExpectTerminated_names_the_wrong_actor()
    {
        var a = Sys.ActorOf(Props.Create<EchoActor>());
        var b = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(a);
        Sys.Stop(a);
        Assert.Throws<XunitException>(() => ExpectTerminated(b));
    }
}

public sealed class VirtualTestKitTests() : TestKit.TestKit(virtualTime: true)
{
    [Fact]
    public void Advance_moves_the_clock_and_delivers_due_messages()
    {
        Assert.True(IsVirtualTime);
        var before = Sys.Clock.MonotonicClock;
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromHours(1), TestActor, "an hour later", null);
        Advance(TimeSpan.FromMinutes(59));
        Assert.Null(ReceiveOne());
        Advance(TimeSpan.FromMinutes(1));
        ExpectMsg("an hour later");
        Assert.Equal(TimeSpan.FromHours(1), Sys.Clock.MonotonicClock - before);
    }

    [Fact]
    public void AwaitAssert_advances_virtual_time_between_attempts()
    {
        var start = Sys.Clock.MonotonicClock;
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(30), TestActor, "late", null);
        AwaitAssert(() => Assert.Equal("late", ReceiveOne()?.Message), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(30), Sys.Clock.MonotonicClock - start);
    }
}
