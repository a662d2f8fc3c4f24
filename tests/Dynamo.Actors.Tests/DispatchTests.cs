using System.Collections.Concurrent;
using Dynamo.Actors.Dispatch;

namespace Dynamo.Actors.Tests;

/// <summary>Ordering rules of mailbox runs, observed deterministically.</summary>
public sealed class DispatchTests
{
    private sealed class Logger : ReceiveActor
    {
        public Logger(string name, ConcurrentQueue<string> log)
        {
            ReceiveAny(m => log.Enqueue($"{name}{m}"));
        }
    }

    private static ActorSystem Deterministic(int throughput) =>
        ActorSystem.Create("det", TestKit.TestKit.VirtualTimeSettings() with { Throughput = throughput, Dispatcher = new DeterministicDispatcher(throughput) });

    [Fact]
    public void System_messages_overtake_queued_user_messages()
    {
        using var system = Deterministic(100);
        var log = new ConcurrentQueue<string>();
        var dispatcher = (DeterministicDispatcher)system.Dispatcher;
        var actor = system.ActorOf(Props.Create(() => new Logger("a", log)));
        dispatcher.RunUntilIdle();
        actor.Tell(1, null);
        actor.Tell(2, null);
        system.Stop(actor);
        dispatcher.RunUntilIdle();
        Assert.Empty(log);
    }

    [Fact]
    public void Throughput_bounds_the_messages_processed_per_run_so_actors_take_turns()
    {
        using var system = Deterministic(2);
        var log = new ConcurrentQueue<string>();
        var dispatcher = (DeterministicDispatcher)system.Dispatcher;
        var a = system.ActorOf(Props.Create(() => new Logger("a", log)));
        var b = system.ActorOf(Props.Create(() => new Logger("b", log)));
        dispatcher.RunUntilIdle();
        for (int i = 0; i < 4; i++)
        {
            a.Tell(i, null);
            b.Tell(i, null);
        }
        dispatcher.RunUntilIdle();
        Assert.Equal(["a0", "a1", "b0", "b1", "a2", "a3", "b2", "b3"], log);
    }

    [Fact]
    public void The_deterministic_dispatcher_runs_nothing_until_asked()
    {
        using var system = Deterministic(10);
        var log = new ConcurrentQueue<string>();
        var dispatcher = (DeterministicDispatcher)system.Dispatcher;
        var a = system.ActorOf(Props.Create(() => new Logger("a", log)));
        a.Tell(1, null);
        Assert.Empty(log);
        Assert.True(dispatcher.Pending > 0);
        dispatcher.RunUntilIdle();
        Assert.Equal(["a1"], log);
        Assert.Equal(0, dispatcher.Pending);
    }

    private static IReadOnlyList<string> Interleaved(int seed)
    {
        var dispatcher = new DeterministicDispatcher(1, new Util.SeededRandomSource(seed));
        using var system = ActorSystem.Create("det", TestKit.TestKit.VirtualTimeSettings() with { Dispatcher = dispatcher });
        var log = new ConcurrentQueue<string>();
        var actors = Enumerable.Range(0, 4).Select(i => system.ActorOf(Props.Create(() => new Logger(((char)('a' + i)).ToString(), log)))).ToList();
        dispatcher.RunUntilIdle();
        for (int n = 0; n < 5; n++)
            foreach (var actor in actors) actor.Tell(n, null);
        dispatcher.RunUntilIdle();
        return log.ToArray();
    }

    [Fact]
    public void A_seeded_interleaving_replays_exactly_and_keeps_each_actors_order()
    {
        var first = Interleaved(7);
        Assert.Equal(first, Interleaved(7));
        Assert.Equal(20, first.Count);
        foreach (var name in new[] { "a", "b", "c", "d" })
            Assert.Equal(Enumerable.Range(0, 5).Select(n => $"{name}{n}"), first.Where(e => e.StartsWith(name)));
        var seeds = Enumerable.Range(0, 5).Select(Interleaved).Select(run => string.Join(",", run)).Distinct().Count();
        Assert.True(seeds > 1, "different seeds should produce different interleavings");
    }
}
