using Akka.Actor;
using BenchmarkDotNet.Attributes;

namespace Dynamo.Benchmarks.Actors;

/// <summary>
/// In-process message throughput: many pairs of actors bounce messages back and forth, each pair keeping a
/// window of messages in flight, as Akka.NET's ping-pong benchmark does. One operation is one delivered message,
/// so BenchmarkDotNet's "ns/op" is the cost of a message and 1e9 / that is messages per second.
/// </summary>
[MemoryDiagnoser]
public class PingPongBenchmark
{
    private const int MessagesPerPair = 20_000;
    private const int InFlightPerPair = 50;

    private ActorSystem _system = null!;
    private IActorRef[] _pings = [];
    private CountdownEvent _done = null!;

    /// <summary>How many independent ping-pong pairs run at once.</summary>
    [Params(32, 1000)]
    public int Pairs { get; set; }

    /// <summary>Starts the system and the pairs; every invocation then restarts their exchange.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("bench", QuietLocal.Settings);
        _done = new CountdownEvent(Pairs);
        _pings = new IActorRef[Pairs];
        for (int i = 0; i < Pairs; i++)
        {
            var pong = _system.ActorOf(Props.Create(() => new Pong()));
            _pings[i] = _system.ActorOf(Props.Create(() => new Ping(pong, _done)));
        }
    }

    /// <summary>Every pair exchanges <see cref="MessagesPerPair"/> messages.</summary>
    [Benchmark(OperationsPerInvoke = MessagesPerPair * 1000)]
    public void Messages()
    {
        // OperationsPerInvoke must be a constant, so the work is scaled to 1000 pairs' worth of messages.
        int rounds = 1000 / Pairs + (1000 % Pairs == 0 ? 0 : 1);
        for (int round = 0; round < rounds; round++)
        {
            _done.Reset(Pairs);
            foreach (var ping in _pings) ping.Tell(new Start(MessagesPerPair * 1000 / (Pairs * rounds)), ActorRefs.NoSender);
            if (!_done.Wait(TimeSpan.FromMinutes(1))) throw new TimeoutException("ping-pong stalled");
        }
    }

    /// <summary>Stops the system.</summary>
    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));

    private sealed record Start(int Messages);

    private sealed class Ball
    {
        public static readonly Ball Instance = new();
    }

    private sealed class Ping : ReceiveActor
    {
        private int _remaining;
        private int _outstanding;

        public Ping(IActorRef pong, CountdownEvent done)
        {
            Receive<Start>(start =>
            {
                _remaining = start.Messages / 2; // each round trip is two messages
                _outstanding = 0;
                for (int i = 0; i < InFlightPerPair && _remaining > 0; i++, _remaining--, _outstanding++)
                    pong.Tell(Ball.Instance, Self);
            });
            Receive<Ball>(_ =>
            {
                if (_remaining > 0)
                {
                    _remaining--;
                    pong.Tell(Ball.Instance, Self);
                }
                else if (--_outstanding == 0)
                {
                    done.Signal();
                }
            });
        }
    }

    private sealed class Pong : ReceiveActor
    {
        public Pong() => Receive<Ball>(ball => Sender.Tell(ball, Self));
    }
}
