using Akka.Actor;
using BenchmarkDotNet.Attributes;

namespace Dynamo.Benchmarks.Remote;

/// <summary>
/// Per-message cost of Akka.Remote actor messaging across loopback <c>akka.tcp</c> between two actor systems in
/// this process, with allocations: <see cref="AskEcho"/> is one Ask at a time to a remote echo actor;
/// <see cref="CoordinatorPerRequest"/> is the pattern the store's reads had: every request gets a new child actor
/// (with a deadline timer) that asks the remote replica and stops once answered, so every request brings a sender path
/// the replica side has never seen and a reply addressed to an actor that exists only for that request;
/// <see cref="HostWithRequestIds"/> is the pattern they have now (<c>CoordinatorHost</c>): one long-lived actor sends
/// every request with an id, keeps a deadline timer per id, and matches each reply to its request by the id it echoes.
/// A fixed number of requests is kept in flight.
/// </summary>
[MemoryDiagnoser]
public class RemoteMessagingCostBenchmark
{
    private const int Requests = 2000;
    private const int InFlight = 32;
    private readonly BatchSignal _signal = new();
    private ActorSystem _client = null!;
    private ActorSystem _replica = null!;
    private IActorRef _echo = null!;
    private IActorRef _router = null!;
    private IActorRef _host = null!;

    /// <summary>Starts both systems, the echo actor and the router of coordinators, and associates the systems.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _client = LoopbackActorSystems.Start("client");
        _replica = LoopbackActorSystems.Start("replica");
        var echo = _replica.ActorOf(Props.Create(() => new Echo()), "echo");
        _echo = LoopbackActorSystems.RemoteRef(_client, _replica, echo);
        _echo.Ask<string>("warm-up", TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        var echoRef = _echo;
        var signal = _signal;
        _router = _client.ActorOf(Props.Create(() => new Router(echoRef, signal)), "router");
        _host = _client.ActorOf(Props.Create(() => new Host(echoRef, signal)), "host");
        CoordinatorPerRequest();
        HostWithRequestIds();
    }

    /// <summary>Sequential Asks of a short string, answered by the remote echo.</summary>
    [Benchmark(OperationsPerInvoke = Requests)]
    public void AskEcho()
    {
        for (int i = 0; i < Requests; i++) _echo.Ask<string>("ping", TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
    }

    /// <summary>Requests through a new coordinator actor each, <c>32</c> in flight, until all were answered.</summary>
    [Benchmark(OperationsPerInvoke = Requests)]
    public void CoordinatorPerRequest()
    {
        var done = _signal.Expect(1);
        _router.Tell(new Batch(Requests, InFlight), ActorRefs.NoSender);
        if (!done.Wait(TimeSpan.FromSeconds(60))) throw new TimeoutException("requests lost");
    }

    /// <summary>Requests through one long-lived actor that tells replies apart by request id, <c>32</c> in flight.</summary>
    [Benchmark(OperationsPerInvoke = Requests)]
    public void HostWithRequestIds()
    {
        var done = _signal.Expect(1);
        _host.Tell(new Batch(Requests, InFlight), ActorRefs.NoSender);
        if (!done.Wait(TimeSpan.FromSeconds(60))) throw new TimeoutException("requests lost");
    }

    /// <summary>Stops both systems.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Terminate().Wait(TimeSpan.FromSeconds(10));
        _replica.Terminate().Wait(TimeSpan.FromSeconds(10));
    }

    private sealed record Batch(int Requests, int InFlight);

    private sealed class Answered
    {
        public static readonly Answered Instance = new();
    }

    private sealed class Deadline
    {
        public static readonly Deadline Instance = new();
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m, Self));
    }

    /// <summary>Keeps a batch's requests in flight, one new coordinator per request, and signals when all are answered.</summary>
    private sealed class Router : ReceiveActor
    {
        private readonly Props _coordinator;
        private int _toStart;
        private int _outstanding;

        public Router(IActorRef replica, BatchSignal signal)
        {
            _coordinator = Props.Create(() => new Coordinator(replica));
            Receive<Batch>(batch =>
            {
                _toStart = batch.Requests;
                for (int i = 0; i < batch.InFlight && _toStart > 0; i++) StartOne();
            });
            Receive<Answered>(_ =>
            {
                _outstanding--;
                if (_toStart > 0) StartOne();
                else if (_outstanding == 0) signal.Arrived();
            });
        }

        private void StartOne()
        {
            _toStart--;
            _outstanding++;
            Context.ActorOf(_coordinator);
        }
    }

    /// <summary>
    /// Keeps a batch's requests in flight from one actor: each is an id sent to the replica, which echoes it, with a
    /// deadline timer per id as the store's coordinator host keeps.
    /// </summary>
    private sealed class Host : UntypedActor, IWithTimers
    {
        private readonly IActorRef _replica;
        private readonly BatchSignal _signal;
        private readonly HashSet<long> _running = [];
        private long _lastId;
        private int _toStart;

        public Host(IActorRef replica, BatchSignal signal) => (_replica, _signal) = (replica, signal);

        public ITimerScheduler Timers { get; set; } = null!;

        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case Batch batch:
                    _toStart = batch.Requests;
                    for (int i = 0; i < batch.InFlight && _toStart > 0; i++) StartOne();
                    break;
                case long id when _running.Remove(id):
                    Timers.Cancel(id);
                    if (_toStart > 0) StartOne();
                    else if (_running.Count == 0) _signal.Arrived();
                    break;
                case Deadline: throw new TimeoutException("the replica did not answer");
            }
        }

        private void StartOne()
        {
            _toStart--;
            var id = ++_lastId;
            _running.Add(id);
            Timers.StartSingleTimer(id, Deadline.Instance, TimeSpan.FromSeconds(10));
            _replica.Tell(id, Self);
        }
    }

    /// <summary>Asks the replica, tells its parent once answered and stops; a deadline timer as a real coordinator has.</summary>
    private sealed class Coordinator : ReceiveActor, IWithTimers
    {
        private readonly IActorRef _replica;

        public Coordinator(IActorRef replica)
        {
            _replica = replica;
            Receive<string>(_ =>
            {
                Timers.Cancel(Deadline.Instance);
                Context.Parent.Tell(Answered.Instance, Self);
                Context.Stop(Self);
            });
            Receive<Deadline>(_ => throw new TimeoutException("the replica did not answer"));
        }

        public ITimerScheduler Timers { get; set; } = null!;

        protected override void PreStart()
        {
            Timers.StartSingleTimer(Deadline.Instance, Deadline.Instance, TimeSpan.FromSeconds(10));
            _replica.Tell("get", Self);
        }
    }
}
