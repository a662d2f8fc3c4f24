namespace Dynamo.Actors.Tests;

/// <summary>The mailbox guarantees under real thread-pool concurrency.</summary>
public sealed class MailboxConcurrencyTests() : TestKit.TestKit(RealTimeSettings() with { Throughput = 5 })
{
    private sealed record Msg(int SenderId, int Sequence);

    private sealed record Report(int MaxConcurrent, int Received, int OrderViolations);

    /// <summary>Counts how many handlers run at once and checks each sender's sequence increases by one.</summary>
    private sealed class Recorder : ReceiveActor
    {
        private int _inside;
        private int _maxConcurrent;
        private int _received;
        private int _violations;
        private readonly Dictionary<int, int> _next = new();

        public Recorder()
        {
            Receive<Msg>(m =>
            {
                int now = Interlocked.Increment(ref _inside);
                if (now > _maxConcurrent) _maxConcurrent = now;
                Thread.SpinWait(20);
                _next.TryGetValue(m.SenderId, out int expected);
                if (m.Sequence != expected) _violations++;
                _next[m.SenderId] = m.Sequence + 1;
                _received++;
                Interlocked.Decrement(ref _inside);
            });
            Receive<string>(_ => Sender.Tell(new Report(_maxConcurrent, _received, _violations)));
        }
    }

    [Fact]
    public async Task Many_concurrent_senders_never_run_two_handlers_at_once_lose_nothing_or_reorder()
    {
        const int senders = 8;
        const int perSender = 20_000;
        var recorder = Sys.ActorOf(Props.Create<Recorder>());
        var threads = Enumerable.Range(0, senders).Select(id => Task.Run(() =>
        {
            for (int i = 0; i < perSender; i++) recorder.Tell(new Msg(id, i), null);
        })).ToArray();
        await Task.WhenAll(threads).WaitAsync(TimeSpan.FromSeconds(20));
        AwaitAssert(() =>
        {
            var report = recorder.Ask<Report>("report", TimeSpan.FromSeconds(3)).Result;
            Assert.Equal(senders * perSender, report.Received);
            Assert.Equal(1, report.MaxConcurrent);
            Assert.Equal(0, report.OrderViolations);
        }, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(50));
    }

    /// <summary>Forwards each message to the next actor; the last one reports to the test.</summary>
    private sealed class Relay : ReceiveActor
    {
        public Relay(IActorRef next)
        {
            int count = 0;
            Receive<int>(i =>
            {
                next.Tell(i);
                count++;
            });
            Receive<string>(_ => Sender.Tell(count));
        }
    }

    [Fact]
    public void Messages_relayed_through_a_chain_of_actors_all_arrive_in_order()
    {
        const int messages = 5_000;
        IActorRef next = TestActor;
        for (int i = 0; i < 5; i++)
        {
            var target = next;
            next = Sys.ActorOf(Props.Create(() => new Relay(target)));
        }
        for (int i = 0; i < messages; i++) next.Tell(i, null);
        for (int i = 0; i < messages; i++) ExpectMsg(i);
    }
}
