using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using Dynamo.Kv.Hosting;
using Dynamo.Kv.Membership;
using Dynamo.Protocol;
using Dynamo.TestSupport;

namespace Dynamo.Kv.Cluster.Tests;

/// <summary>
/// Key-value nodes in this process on loopback TCP with in-memory (or SQLite) storage and short cluster timings.
/// A killed node's actor system stops without leaving the cluster, the way a crashed machine's process does.
/// Disposing stops every node still running.
/// </summary>
internal sealed class KvNodes : IAsyncDisposable
{
    /// <summary>The actor system name every node of the cluster shares (the reference default).</summary>
    public const string SystemName = "dynamo";
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(8);

    private readonly List<KvNode> _running = [];
    private readonly List<KvNode> _left = [];
    private int _seedPort;

    public IReadOnlyList<KvNode> Running => _running;

    /// <summary>The port of the seed node, for configurations of nodes started outside this fixture.</summary>
    public int SeedPort => _seedPort;

    /// <summary>
    /// Starts <paramref name="count"/> nodes, the first being the seed, and waits until all run the same ring
    /// and every node sees every other reachable, so that the first requests find no owner missing.
    /// </summary>
    public static Task<KvNodes> StartAsync(int count, string? dataDirectory = null) => StartAsync(count, dataDirectory, null);

    /// <summary>As <see cref="StartAsync(int, string?)"/>, every node with <paramref name="overrides"/> over the usual configuration.</summary>
    public static async Task<KvNodes> StartAsync(int count, string? dataDirectory, Config? overrides)
    {
        var nodes = new KvNodes();
        try
        {
            int[] ports = [.. Enumerable.Range(0, count).Select(_ => FreePorts.One())];
            nodes._seedPort = ports[0];
            foreach (int port in ports)
                await nodes.LaunchAsync(With(overrides, Config(port, ports[0], dataDirectory)));
            await nodes.AwaitSameRingAsync(count, Eventually.Form);
            await nodes.AwaitAllReachableAsync(Eventually.Form);
            return nodes;
        }
        catch
        {
            await nodes.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more node that joins through the first node; the caller waits for the ring it wants.</summary>
    public Task<KvNode> StartOneMoreAsync() => StartOneMoreAsync(FreePorts.One(), null);

    /// <summary>Starts one more node on <paramref name="port"/> with <paramref name="overrides"/> over the usual configuration.</summary>
    public Task<KvNode> StartOneMoreAsync(int port, Config? overrides) => LaunchAsync(With(overrides, Config(port, _seedPort)));

    /// <summary>
    /// Starts one node on <paramref name="port"/> joining through <paramref name="seedPort"/>, on SQLite in a
    /// folder of <paramref name="dataDirectory"/> named after the port (so a restart finds its data), or in memory.
    /// </summary>
    public Task<KvNode> StartNodeAsync(int port, int seedPort, string? dataDirectory = null) => LaunchAsync(Config(port, seedPort, dataDirectory));

    private static Config With(Config? overrides, Config config) => overrides is null ? config : overrides.WithFallback(config);

    private async Task<KvNode> LaunchAsync(Config config)
    {
        var node = await KvNode.StartAsync(config).WaitAsync(TimeSpan.FromSeconds(10));
        _running.Add(node);
        return node;
    }

    /// <summary>Forgets a node that left the cluster, so waiting for rings no longer asks it; disposing still stops it.</summary>
    public void Forget(KvNode node)
    {
        _running.Remove(node);
        _left.Add(node);
    }

    /// <summary>
    /// A node's configuration: its loopback address, the seed node, storage, short key-value and cluster timings,
    /// over the test settings.
    /// </summary>
    public static Config Config(int port, int seedPort, string? dataDirectory = null) => ConfigurationFactory.ParseString(string.Create(CultureInfo.InvariantCulture, $$"""
        akka.loglevel = ERROR
        akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = {{port}} }
        akka.cluster.seed-nodes = ["akka.tcp://{{SystemName}}@127.0.0.1:{{seedPort}}"]
        dynamo.persistence.plugin = {{(dataDirectory is null ? "memory" : "sqlite")}}
        {{SqliteDirectory(port, dataDirectory)}}
        dynamo.kv {
          ring-partitions = 16
          handoff { batch-size = 8, ack-timeout = 3s, retry-interval = 200ms }
          request-timeout = {{(int)RequestTimeout.TotalMilliseconds}}ms
          hinted-handoff { check-interval = 200ms, delivery-timeout = 1s, min-backoff = 200ms, max-backoff = 1s }
          # Scheduled exchanges would repair divergence tests set up on purpose; explicit exchanges still run.
          anti-entropy.enabled = off
        }
        {{ShortTimings.Hocon}}
        """)).WithFallback(TestConfig.ClusterMember);

    // SQLite keeps each node's file in a folder named after its port; HOCON wants forward slashes.
    private static string SqliteDirectory(int port, string? dataDirectory) => dataDirectory is null
        ? ""
        : $"dynamo.persistence.sqlite.data-directory = \"{Path.Combine(dataDirectory, port.ToString(CultureInfo.InvariantCulture)).Replace('\\', '/')}\"";

    /// <summary>A client-only system (provider remote, not a member) that speaks the client protocol.</summary>
    public static ActorSystem StartClient() => ActorSystem.Create("client", ConfigurationFactory.ParseString("""
        akka.actor.provider = remote
        akka.loglevel = ERROR
        akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
        """).WithFallback(TestConfig.Akka));

    /// <summary>
    /// Waits until every running node has installed one and the same ring of <paramref name="members"/> members,
    /// for 20 s or <paramref name="within"/>.
    /// </summary>
    public async Task AwaitSameRingAsync(int members, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var rings = await Task.WhenAll(_running.Select(n => n.CurrentRingAsync(AskTimeout)));
            if (rings.All(r => r.Installed && r.Ring is not null && r.ClaimOrder.Length == members)
                && rings.All(r => r.Ring!.Owners.SequenceEqual(rings[0].Ring!.Owners)))
                return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The nodes did not install the same {members}-member ring: " +
                    string.Join("; ", rings.Select(r => $"[{string.Join(",", r.ClaimOrder)}] installed={r.Installed}")) + " | " +
                    string.Join("; ", _running.Select(n => $"{n.NodeId} members [{string.Join(", ", n.Cluster.State.Members)}], ring members by them [{string.Join(", ", MembershipRing.RingMembers(n.Cluster.State.Members))}]")));
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until every running node sees every running node as reachable, within <paramref name="within"/> or <see cref="Eventually.Converge"/>.</summary>
    public Task AwaitAllReachableAsync(TimeSpan? within = null)
    {
        var directories = _running.Select(n => new ClusterNodeDirectory(n.System)).ToList();
        return Eventually.UntilAsync(() => directories.All(d => _running.All(n => d.IsReachable(n.NodeId))), "every node sees every other reachable",
            () => string.Join("; ", directories.Select(d => $"{d.SelfNodeId} sees unreachable [{string.Join(",", _running.Where(n => !d.IsReachable(n.NodeId)).Select(n => n.NodeId))}]")),
            within);
    }

    /// <summary>
    /// Writes <c>v{i}</c> under <c>k{i}</c> for i below <paramref name="count"/> with W = 3, through the running
    /// nodes in turn. A write the cluster refused is read and written again over what it finds: on a loaded machine
    /// a member of a cluster that has just formed can be judged unreachable for a moment, or a reply miss the request
    /// timeout, and part of the refused write may be stored, which a second write without context would keep as a
    /// sibling. The tests that load this way are about what happens after the load, not about the load itself.
    /// </summary>
    public async Task PutAllAsync(string bucket, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var through = _running[i % _running.Count];
            var reply = await through.AskAsync(Requests.Put(bucket, $"k{i}", $"v{i}", w: 3), AskTimeout);
            for (var attempt = 1; reply is not PutResult; attempt++)
            {
                if (attempt == 5) throw new InvalidOperationException($"put k{i} through {through.NodeId} failed {attempt} times, last: {reply}");
                await AwaitAllReachableAsync();
                var context = await through.AskAsync(Requests.Get(bucket, $"k{i}", r: 1), AskTimeout) is GetResult { Status: ObjectStatus.Found } found
                    ? found.Context
                    : null;
                reply = await through.AskAsync(Requests.Put(bucket, $"k{i}", $"v{i}", context, w: 3), AskTimeout);
            }
        }
    }

    /// <summary>
    /// Kills a node without warning: its actor system stops without leaving the cluster, so its connections close
    /// and its heartbeats stop, and the others judge it unreachable.
    /// </summary>
    public async Task KillAsync(KvNode victim)
    {
        _running.Remove(victim);
        await victim.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_running.Concat(_left).Select(n => n.DisposeAsync().AsTask())).WaitAsync(TimeSpan.FromSeconds(15));
        _running.Clear();
        _left.Clear();
    }
}
