using Akka.Actor;
using Akka.Cluster;
using Akka.Actor.Setup;
using Akka.Configuration;
using Dynamo.Configuration;
using Dynamo.Core.Partitioning;
using Dynamo.Kv.Membership;
using Dynamo.Kv.Persistence;
using Dynamo.Kv.Remoting;
using Dynamo.Kv.Routing;

namespace Dynamo.Kv.Hosting;

/// <summary>
/// One running key-value node: a cluster member whose router (<see cref="KvPaths.Router"/>) serves
/// the client protocol, with its storage open and its ring fed from membership. Start it with
/// <see cref="StartAsync"/>; dispose it to stop.
/// </summary>
/// <remarks>
/// Start order: the cluster actor system on the journal named by <c>dynamo.persistence</c> (it joins
/// <c>akka.cluster.seed-nodes</c> at once), the shard region of vnode entities, the router, then the
/// <see cref="RingCoordinator"/>. Requests that arrive before the first ring is installed are
/// answered like any request on a node without a ring.
/// </remarks>
public sealed partial class KvNode : IAsyncDisposable
{
    private int _disposed;

    private KvNode(ActorSystem system, Cluster cluster, string storagePlugin, IActorRef router, IActorRef ringCoordinator, string nodeId, KvSettings settings)
    {
        System = system;
        Cluster = cluster;
        StoragePlugin = storagePlugin;
        Router = router;
        RingCoordinator = ringCoordinator;
        NodeId = nodeId;
        Settings = settings;
    }

    /// <summary>The node's actor system (a cluster member).</summary>
    public ActorSystem System { get; }

    /// <summary>The node's cluster membership (state, join, leave, down, subscriptions).</summary>
    public Cluster Cluster { get; }

    /// <summary>The request router at <see cref="KvPaths.Router"/>: send it Get, Put, Delete, SetBucketProps, GetBucketProps.</summary>
    public IActorRef Router { get; }

    /// <summary>The actor that feeds the router rings from membership; ask it <see cref="GetCurrentRing"/>.</summary>
    public IActorRef RingCoordinator { get; }

    /// <summary>This node's id: <c>host:port</c> of its address (see <see cref="NodeIdentity"/>).</summary>
    public string NodeId { get; }

    /// <summary>The key-value settings the node runs with.</summary>
    public KvSettings Settings { get; }

    /// <summary>The node's storage plugin name (<c>memory</c>, <c>sqlite</c> or <c>postgresql</c>).</summary>
    public string StoragePlugin { get; }

    /// <summary>
    /// Starts a node from <paramref name="config"/> (the key-value serialization bindings and the reference
    /// configuration fill missing keys). <c>akka.actor.provider</c> is always <c>cluster</c>, whatever the
    /// configuration says: a key-value node is a cluster member by definition.
    /// </summary>
    /// <exception cref="ConfigurationException">A key is invalid.</exception>
    public static async Task<KvNode> StartAsync(Config config, KvNodeOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        options ??= new KvNodeOptions();
        var full = ConfigurationFactory.ParseString("akka.actor.provider = cluster")
            .WithFallback(config)
            .WithFallback(KvSerialization.Config)
            .WithFallback(DynamoConfig.Reference());
        var settings = KvSettings.FromConfig(full);
        string systemName = options.SystemName ?? full.GetConfig("dynamo.node").ReadString("dynamo.node", "system-name");
        // The journal is chosen before the system starts, so it names the node by its configured address.
        var journalNodeId = ConfiguredNodeId(full);
        var journalSetup = JournalConfig.SetupFor(full, journalNodeId);
        full = JournalConfig.For(full, journalNodeId).WithFallback(full);

        Setup[] setups = journalSetup is null ? [.. options.Setups] : [.. options.Setups, journalSetup];
        var setup = setups.Aggregate(ActorSystemSetup.Create(BootstrapSetup.Create().WithConfig(full)), (all, one) => all.And(one));
        var system = ActorSystem.Create(systemName, setup);
        try
        {
            ct.ThrowIfCancellationRequested();
            var cluster = Cluster.Get(system);
            string nodeId = NodeIdentity.NodeIdOf(cluster.SelfAddress);
            var region = Placement.VNodeSharding.Start(system, settings.RequestTimeout);
            var directory = new ClusterNodeDirectory(system, region);
            var router = system.ActorOf(KvRouter.Props(nodeId, directory, settings, Akka.DistributedData.DistributedData.Get(system).Replicator), KvPaths.RouterName);
            var claimant = new Claimant(settings.RingPartitions, settings.BucketDefaults.N);
            var ring = system.ActorOf(Membership.RingCoordinator.Props(cluster, router, claimant), Membership.RingCoordinator.Name);
            return new KvNode(system, cluster, JournalConfig.PluginOf(full), router, ring, nodeId, settings);
        }
        catch
        {
            await system.Terminate().ConfigureAwait(false);
            throw;
        }
    }

    // host:port as configured; a node on port 0 learns its port only once bound, too late to name its
    // journal's schema, so a PostgreSQL journal then needs dynamo.persistence.postgresql.schema.
    private static string ConfiguredNodeId(Config full)
    {
        var host = full.GetString("akka.remote.dot-netty.tcp.hostname", "localhost");
        var port = full.GetInt("akka.remote.dot-netty.tcp.port", 0);
        if (port == 0
            && full.GetString("dynamo.persistence.plugin", "") == "postgresql"
            && string.IsNullOrEmpty(full.GetString("dynamo.persistence.postgresql.schema", "")))
        {
            throw ConfigErrors.InvalidValue("dynamo.persistence.postgresql", "schema",
                "must be set when akka.remote.dot-netty.tcp.port is 0: the node's id, which names its schema otherwise, is not known before it binds");
        }
        return $"{host}:{port}";
    }

    /// <summary>
    /// Sends a client protocol message (Get, Put, Delete, SetBucketProps, GetBucketProps) to this
    /// node's router and returns the reply (GetResult, PutResult, DeleteResult, BucketPropsResult or KvFailure).
    /// </summary>
    /// <exception cref="AskTimeoutException">No reply within <paramref name="timeout"/>.</exception>
    public Task<object> AskAsync(object protocolMessage, TimeSpan timeout, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(protocolMessage);
        return Router.Ask(protocolMessage, timeout, ct);
    }

    /// <summary>The ring this node routes by now.</summary>
    /// <exception cref="AskTimeoutException">The ring coordinator did not answer within <paramref name="timeout"/>.</exception>
    public Task<CurrentRing> CurrentRingAsync(TimeSpan timeout, CancellationToken ct = default) =>
        RingCoordinator.Ask<CurrentRing>(GetCurrentRing.Instance, timeout, ct);

    /// <summary>
    /// Stops the node without leaving the cluster (the others see it unreachable, as after a crash,
    /// until an operator downs it or it comes back): terminates the actor system, whose journal plugin closes
    /// its connections with it.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await System.Terminate().ConfigureAwait(false);
    }
}
