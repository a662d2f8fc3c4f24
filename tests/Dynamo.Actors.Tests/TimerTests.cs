namespace Dynamo.Actors.Tests;

/// <summary>Keyed timers on virtual time.</summary>
public sealed class TimerTests() : TestKit.TestKit(virtualTime: true)
{
    private sealed record StartSingle(string Key, string Message, TimeSpan Delay);

    private sealed record StartPeriodic(string Key, string Message, TimeSpan Interval);

    private sealed record CancelTimer(string Key);

    private sealed record IsActive(string Key);

    private sealed class TimerActor : ReceiveActor, IWithTimers
    {
        public TimerActor(IActorRef probe)
        {
            Receive<StartSingle>(s => Timers.StartSingleTimer(s.Key, s.Message, s.Delay));
            Receive<StartPeriodic>(s => Timers.StartPeriodicTimer(s.Key, s.Message, s.Interval));
            Receive<CancelTimer>(c => Timers.Cancel(c.Key));
            Receive<IsActive>(q => probe.Tell(Timers.IsTimerActive(q.Key)));
            Receive<Exception>(e => throw e);
            Receive<string>(s => probe.Tell(s));
        }

        public ITimerScheduler Timers { get; set; } = null!;
    }

    private IActorRef NewTimerActor() => Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));

    [Fact]
    public void A_single_timer_fires_once_after_its_delay()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartSingle("k", "tick", TimeSpan.FromSeconds(2)));
        ExpectNoMsg(TimeSpan.FromSeconds(1.9));
        Advance(TimeSpan.FromSeconds(0.1));
        ExpectMsg("tick");
        ExpectNoMsg(TimeSpan.FromSeconds(10));
        actor.Tell(new IsActive("k"));
        ExpectMsg(false);
    }

    [Fact]
    public void A_periodic_timer_fires_every_interval_until_cancelled()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartPeriodic("p", "beat", TimeSpan.FromSeconds(1)));
        Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(["beat", "beat", "beat"], ReceiveN(3));
        actor.Tell(new IsActive("p"));
        ExpectMsg(true);
        actor.Tell(new CancelTimer("p"));
        ExpectNoMsg(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Cancelling_drops_a_timer_message_already_in_the_mailbox()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartSingle("k", "stale", TimeSpan.FromSeconds(1)));
        RunUntilIdle();
        // The cancel is queued first; then the timer fires and its message queues behind it, unprocessed.
        actor.Tell(new CancelTimer("k"));
        var scheduler = (Scheduling.VirtualTimeScheduler)Sys.Scheduler;
        scheduler.Advance(TimeSpan.FromSeconds(1));
        RunUntilIdle();
        ExpectNoMsg(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Replacing_a_key_drops_the_old_timers_queued_message()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartSingle("k", "old", TimeSpan.FromSeconds(1)));
        RunUntilIdle();
        actor.Tell(new StartSingle("k", "new", TimeSpan.FromSeconds(5)));
        var scheduler = (Scheduling.VirtualTimeScheduler)Sys.Scheduler;
        scheduler.Advance(TimeSpan.FromSeconds(1));
        RunUntilIdle();
        ExpectNoMsg(TimeSpan.FromSeconds(4.5));
        Advance(TimeSpan.FromSeconds(0.5));
        ExpectMsg("new");
    }

    [Fact]
    public void Timers_are_cancelled_when_the_actor_restarts()
    {
        var actor = NewTimerActor();
        actor.Tell(new StartPeriodic("p", "beat", TimeSpan.FromSeconds(1)));
        actor.Tell(new InvalidOperationException("restart me"));
        RunUntilIdle();
        ExpectNoMsg(TimeSpan.FromSeconds(3));
        actor.Tell(new IsActive("p"));
        ExpectMsg(false);
    }

    [Fact]
    public void ScheduleTellOnce_and_Repeatedly_deliver_and_can_be_cancelled()
    {
        var once = Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), TestActor, "once", null);
        var repeated = Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TestActor, "again", null);
        Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(["once", "again", "again"], ReceiveN(3).OrderByDescending(m => (string)m));
        repeated.Cancel();
        Assert.True(repeated.IsCancellationRequested);
        ExpectNoMsg(TimeSpan.FromSeconds(10));
        var cancelled = Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), TestActor, "never", null);
        cancelled.Cancel();
        ExpectNoMsg(TimeSpan.FromSeconds(2));
        Assert.False(once.IsCancellationRequested);
    }

    [Fact]
    public void A_repeating_schedule_needs_a_positive_interval()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.Zero, TimeSpan.Zero, TestActor, "x", null));
    }
}
