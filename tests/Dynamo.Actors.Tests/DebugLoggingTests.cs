using Dynamo.Actors.Event;

namespace Dynamo.Actors.Tests;

public sealed class DebugLoggingTests() : TestKit.TestKit(VirtualTimeSettings() with
{
    LogLevel = LogLevel.Debug,
    DebugLifecycle = true,
    DebugUnhandled = true,
})
{
    private sealed class Picky : ReceiveActor
    {
        public Picky() => Receive<int>(_ => { });
    }

    [Fact]
    public void Lifecycle_and_unhandled_messages_are_logged_at_debug_when_switched_on()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(Debug));
        var actor = Sys.ActorOf(Props.Create<Picky>(), "picky");
        actor.Tell("not an int");
        RunUntilIdle(); // a stop would otherwise overtake the queued message
        Sys.Stop(actor);
        // Other actors (the test actor itself) log their start too; keep this actor's lines.
        var lines = new List<string>();
        while (ReceiveOne() is { Message: Debug line })
            if (line.LogSource == actor.Path.ToString()) lines.Add(line.Message);
        Assert.Equal(3, lines.Count);
        Assert.Equal("started", lines[0]);
        Assert.StartsWith("Unhandled message String", lines[1]);
        Assert.Equal("stopped", lines[2]);
    }
}
