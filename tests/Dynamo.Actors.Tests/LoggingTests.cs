using Dynamo.Actors.Event;

namespace Dynamo.Actors.Tests;

public sealed class LoggingTests() : TestKit.TestKit(RealTimeSettings() with { LogLevel = LogLevel.Info })
{
    private sealed class Chatty : ReceiveActor
    {
        public Chatty()
        {
            var log = Context.GetLogger();
            Receive<string>(s =>
            {
                log.Debug("debug {0}", s);
                log.Info("info {0}", s);
                log.Error(new InvalidOperationException("bad"), "error {0}", s);
            });
        }
    }

    [Fact]
    public void Actor_loggers_publish_events_at_or_above_the_level_with_their_path()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(LogEvent));
        var actor = Sys.ActorOf(Props.Create<Chatty>(), "chatty");
        actor.Tell("x");
        var info = ExpectMsg<Info>();
        Assert.Equal("info x", info.Message);
        Assert.Equal(actor.Path.ToString(), info.LogSource);
        Assert.Equal(typeof(Chatty), info.LogClass);
        var error = ExpectMsg<Error>();
        Assert.Equal("bad", error.Cause!.Message);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void The_standard_output_logger_prints_events_at_or_above_its_level()
    {
        var original = Console.Out;
        var captured = new StringWriter();
        Console.SetOut(captured);
        try
        {
            var logger = new StandardOutLogger(Sys.Address, LogLevel.Warning);
            logger.Tell(new Info(DateTimeOffset.UnixEpoch, "src", typeof(object), "quiet"), null);
            logger.Tell(new Warning(DateTimeOffset.UnixEpoch, "src", typeof(object), "loud"), null);
        }
        finally
        {
            Console.SetOut(original);
        }
        Assert.DoesNotContain("quiet", captured.ToString());
        Assert.Contains("[WARNING]", captured.ToString());
        Assert.Contains("loud", captured.ToString());
    }
}
