using System.Collections.Concurrent;

namespace Dynamo.Actors.Tests;

/// <summary>Same seed, same run: the base of replayable simulations.</summary>
public sealed class DeterminismTests
{
    private sealed record Token(int Hops);

    /// <summary>Passes a token to a random peer after a random virtual delay, recording each hop.</summary>
    private sealed class Gossiper : ReceiveActor, IWithTimers
    {
        public Gossiper(int id, IReadOnlyList<IActorRef> peers, ConcurrentQueue<string> trace)
        {
            var random = Context.System.Random;
            int passes = 0;
            Receive<Token>(t =>
            {
                trace.Enqueue($"{id}@{Context.System.Clock.MonotonicClock.TotalMilliseconds}:{t.Hops}");
                if (t.Hops == 0) return;
                var target = peers[random.Next(peers.Count)];
                Timers.StartSingleTimer(passes++, new Pass(target, new Token(t.Hops - 1)), TimeSpan.FromMilliseconds(random.Next(1, 100)));
            });
            Receive<Pass>(p => p.Target.Tell(p.Token));
        }

        public ITimerScheduler Timers { get; set; } = null!;
    }

    private sealed record Pass(IActorRef Target, Token Token);

    private static IReadOnlyList<string> Run(int seed)
    {
        using var system = ActorSystem.Create("sim", TestKit.TestKit.VirtualTimeSettings(seed));
        var trace = new ConcurrentQueue<string>();
        var peers = new List<IActorRef>();
        for (int i = 0; i < 5; i++)
        {
            int id = i;
            peers.Add(system.ActorOf(Props.Create(() => new Gossiper(id, peers, trace))));
        }
        var dispatcher = (Dispatch.DeterministicDispatcher)system.Dispatcher;
        var scheduler = (Scheduling.VirtualTimeScheduler)system.Scheduler;
        peers[0].Tell(new Token(30), null);
        peers[3].Tell(new Token(30), null);
        scheduler.Advance(TimeSpan.FromSeconds(10), () => dispatcher.RunUntilIdle());
        return trace.ToArray();
    }

    [Fact]
    public void The_same_seed_replays_the_same_run()
    {
        var first = Run(42);
        var second = Run(42);
        Assert.Equal(62, first.Count);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Different_seeds_take_different_paths()
    {
        Assert.NotEqual(Run(1), Run(2));
    }
}
