using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Dynamo.Testing;
using Dynamo.TestSupport;
using Xunit.Abstractions;

using Dynamo.Client;

namespace Dynamo.Cluster.Tests;

/// <summary>
/// The actor client while the node its ClusterClient talks to is killed (SIGKILL of a real node process): every
/// request ends in a result or a typed failure, the client's ring drops the node and its ClusterClient moves to another
/// member's receptionist, and every write it saw acknowledged is read back afterwards.
/// </summary>
[Collection(Faults.NodeProcessesCollection.Name)]
public sealed partial class ClusterClientKillTests(ITestOutputHelper output)
{
    private const string Bucket = "kill";
    private const int Writers = 4;
    private const int AcknowledgedBeforeKill = 20;
    private const int AcknowledgedAfterKill = 20;

    [Fact]
    public async Task A_node_killed_under_the_client_leaves_every_request_typed_and_every_acknowledged_write_readable()
    {
        using var timeout = new CancellationTokenSource(TimeFactor.Dilated(TimeSpan.FromSeconds(180)));
        var ct = timeout.Token;
        // Plain akka.tcp: with fault injection on, nodes speak through a throttler transport a client does not have.
        await using var cluster = await ProcessCluster.StartAsync(3, new ProcessClusterOptions { FaultInjection = false }, ct);
        // ClusterClient tells which receptionist it uses only in its log, at INFO.
        var system = DynamoActorClient.CreateSystem("kill-client", ConfigurationFactory.ParseString("akka.loglevel = INFO").WithFallback(TestConfig.Akka));
        try
        {
            var connections = new ConcurrentQueue<int>();
            system.EventStream.Subscribe(system.ActorOf(Props.Create(() => new ConnectionLog(connections)), "connection-log"), typeof(Info));
            var connected = await ConnectAwayFromTheOldestAsync(system, cluster, connections, ct);
            using var client = connected.Client;
            var port = connected.Port;
            var history = new History(Bucket);
            var untyped = new ConcurrentQueue<string>();
            long killedAt = long.MaxValue;
            int afterKill = 0;
            using var stop = new CancellationTokenSource();

            async Task WriteAsync(int writer)
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var (key, value) = ($"w{writer}-{i}", $"v{writer}-{i}");
                    var write = history.BeginPut(key, value, null, client: writer);
                    try
                    {
                        write.Acknowledge(await client.PutAsync(Bucket, key, Encoding.UTF8.GetBytes(value), "text/plain", ct: ct));
                        if (write.Started.UtcTicks > Volatile.Read(ref killedAt)) Interlocked.Increment(ref afterKill);
                    }
                    catch (DynamoQuorumException e) when (e.OutcomeUnknown) { write.Unknown(e.Message); }
                    catch (DynamoQuorumException e) { write.NotWritten(e.Message); }
                    catch (DynamoOutcomeUnknownException e) { write.Unknown(e.Message); }
                    catch (Exception e) when (!ct.IsCancellationRequested)
                    {
                        write.Unknown(e.Message);
                        untyped.Enqueue($"put {key}: {e.GetType().Name}: {e.Message}");
                    }
                    try
                    {
                        history.RecordRead(key, await client.GetAsync(Bucket, key, ct: ct), client: writer);
                    }
                    catch (DynamoQuorumException) { }
                    catch (DynamoRequestException e) when (e.StatusCode == 503) { }
                    catch (Exception e) when (!ct.IsCancellationRequested) { untyped.Enqueue($"get {key}: {e.GetType().Name}: {e.Message}"); }
                }
            }

            var load = Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteAsync(w), ct)));
            await AwaitAsync(() => history.Writes.Count(w => w.Outcome == WriteOutcome.Acknowledged) >= AcknowledgedBeforeKill,
                "writes acknowledged before the kill", cluster, ct);

            // Kill the member whose receptionist the client talks to, so the client must move to another contact.
            var victim = cluster.Nodes.Single(n => n.Options.RemotePort == port).Index;
            var connectionsBefore = connections.Count;
            Volatile.Write(ref killedAt, DateTimeOffset.UtcNow.UtcTicks);
            cluster.Kill(victim);

            await AwaitAsync(() => Volatile.Read(ref afterKill) >= AcknowledgedAfterKill && connections.Skip(connectionsBefore).Any(p => p != port),
                "writes acknowledged after the kill, through another receptionist", cluster, ct);
            await stop.CancelAsync();
            await load.WaitAsync(ct);

            Assert.True(untyped.IsEmpty, "requests that ended in an untyped exception:\n" + string.Join("\n", untyped.Take(20)));
            var verdict = await Checker.CheckAsync(history, [("actor client", (IDynamoClient)client),
                .. cluster.Running.Select(i => ($"node {i} over HTTP", cluster.Client(i)))], new CheckerOptions { R = 2 }, ct);
            Assert.True(verdict.IsValid, verdict.Describe() + "\n" + history.Summary());
            output.WriteLine($"node {victim} killed; {Volatile.Read(ref afterKill)} writes acknowledged after; receptionists by port: {string.Join(", ", connections)}; {history.Summary()}");
        }
        finally
        {
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>
    /// A client connected to the receptionist of a node other than node 0, the oldest member, which runs Cluster.Sharding's
    /// coordinator: killed, it would leave regions unable to locate a partition until an operator downs it, a limit of
    /// the store under no downing that this test is not about. ClusterClient connects to whichever contact answers
    /// first, so a client connected to node 0 is replaced by a new one.
    /// </summary>
    private static async Task<(DynamoActorClient Client, int Port)> ConnectAwayFromTheOldestAsync(ActorSystem system, ProcessCluster cluster,
        ConcurrentQueue<int> connections, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var seen = connections.Count;
            var client = new DynamoActorClient(system, cluster.Nodes.Select(n => n.Address), TimeSpan.FromSeconds(4));
            await AwaitAsync(() => connections.Count > seen, "ClusterClient connects to a receptionist", cluster, ct);
            var port = connections.ElementAt(seen);
            if (port != cluster[0].Options.RemotePort) return (client, port);
            client.Dispose();
            if (attempt == 10) throw new InvalidOperationException("ClusterClient connected to node 0 ten times in a row.");
        }
    }

    private static async Task AwaitAsync(Func<bool> condition, string what, ProcessCluster cluster, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeFactor.Dilated(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited for {what}.\n{cluster.Describe()}");
            await Task.Delay(100, ct);
        }
    }

    [GeneratedRegex(@"^Connected to \[akka\.tcp://[^@]+@[^:]+:(\d+)/system/receptionist\]")]
    private static partial Regex ConnectedTo();

    /// <summary>Collects the port of every receptionist ClusterClient connects to, from its INFO log.</summary>
    private sealed class ConnectionLog : ReceiveActor
    {
        public ConnectionLog(ConcurrentQueue<int> ports) =>
            Receive<Info>(info =>
            {
                if (ConnectedTo().Match(info.Message?.ToString() ?? "") is { Success: true } match)
                    ports.Enqueue(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            });
    }
}
