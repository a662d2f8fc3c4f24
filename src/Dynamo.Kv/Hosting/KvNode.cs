using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Hosting;
using Dynamo.Configuration;
using Dynamo.Core.Partitioning;
using Dynamo.Kv.Membership;
using Dynamo.Kv.Persistence;
using Dynamo.Kv.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dynamo.Kv.Hosting;

/// <summary>
/// The store running on one cluster member: the shard region of vnode entities, the request router
/// (<see cref="KvPaths.Router"/>) serving the client protocol, and the <see cref="RingCoordinator"/> feeding it the
/// ring from membership. An Akka.NET extension of the member's actor system: <see cref="DynamoHosting.WithDynamo"/>
/// starts it on members with the store's role and <see cref="Get"/> finds it; <see cref="StartAsync"/> runs a node
/// of its own on the generic host.
/// </summary>
/// <remarks>
/// Start order: the shard region of vnode entities, the router (registered with the cluster client receptionist), then the <see cref="RingCoordinator"/>. The actor
/// system, which Akka.Hosting creates from the configuration <see cref="DynamoHosting.WithDynamo"/> completed, joins
/// <c>akka.cluster.seed-nodes</c> by itself. Requests that arrive before the first ring is installed are answered like
/// any request on a node without a ring.
/// </remarks>
public sealed partial class KvNode : IExtension, IAsyncDisposable
{
    private IHost? _host;
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
    /// The store running on <paramref name="system"/>, started on first use. The system's configuration is the one
    /// <see cref="DynamoHosting.WithDynamo"/> completed: its <c>dynamo</c> keys, the journal, the serializers.
    /// </summary>
    /// <exception cref="ConfigurationException">
    /// The member lacks the store's role (<c>dynamo.kv.role</c>), or a <c>dynamo.kv</c> key is invalid.
    /// </exception>
    public static KvNode Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.WithExtension<KvNode, KvNodeExtension>();
    }

    /// <summary>Whether the store runs on <paramref name="system"/>.</summary>
    public static bool RunsOn(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.HasExtension<KvNode>();
    }

    /// <summary>
    /// Starts a node of its own from <paramref name="config"/> (the key-value serialization bindings and the reference
    /// configuration fill missing keys) on a generic host with Akka.Hosting, as the node process does, and returns it
    /// once its actors run. <c>akka.actor.provider</c> is always <c>cluster</c>: a key-value node is a cluster member.
    /// </summary>
    /// <exception cref="ConfigurationException">A key is invalid.</exception>
    public static async Task<KvNode> StartAsync(Config config, KvNodeOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        options ??= new KvNodeOptions();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddDynamo(options.SystemName ?? DynamoHosting.SystemNameOf(config), config, akka =>
        {
            foreach (var setup in options.Setups) akka.AddSetup(setup);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(ct).ConfigureAwait(false);
            var node = Get(host.Services.GetRequiredService<ActorSystem>());
            node._host = host;
            return node;
        }
        catch
        {
            // Akka.Hosting's service stops the actor system itself when its start fails; the host has nothing else.
            host.Dispose();
            throw;
        }
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
    /// Stops the node without leaving the cluster (the others see it unreachable, as after a crash, until an
    /// operator downs it or it comes back): stops the host <see cref="StartAsync"/> made, or else terminates the
    /// actor system, whose journal plugin closes its connections with it.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        if (_host is { } host)
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            host.Dispose();
        }
        else
        {
            await System.Terminate().ConfigureAwait(false);
        }
    }

    private static KvNode Create(ExtendedActorSystem system)
    {
        var config = system.Settings.Config;
        var settings = KvSettings.FromConfig(config);
        var cluster = Cluster.Get(system);
        if (!cluster.SelfRoles.Contains(settings.StoreRole))
        {
            throw ConfigErrors.InvalidValue("akka.cluster", "roles",
                $"lacks the store's role '{settings.StoreRole}' (dynamo.kv.role): this member reaches the store through the proxy instead of running it");
        }
        string nodeId = NodeIdentity.NodeIdOf(cluster.SelfAddress);
        var region = Placement.VNodeSharding.Start(system, settings.StoreRole, settings.RequestTimeout);
        var directory = new ClusterNodeDirectory(system, region);
        var router = system.ActorOf(KvRouter.Props(nodeId, directory, settings, Akka.DistributedData.DistributedData.Get(system).Replicator), KvPaths.RouterName);
        ClusterClientEntry.Register(system, router);
        var claimant = new Claimant(settings.RingPartitions, settings.BucketDefaults.N);
        var ring = system.ActorOf(Membership.RingCoordinator.Props(cluster, router, claimant, settings.StoreRole), Membership.RingCoordinator.Name);
        return new KvNode(system, cluster, JournalConfig.PluginOf(config), router, ring, nodeId, settings);
    }

    private sealed class KvNodeExtension : ExtensionIdProvider<KvNode>
    {
        public override KvNode CreateExtension(ExtendedActorSystem system) => Create(system);
    }
}
