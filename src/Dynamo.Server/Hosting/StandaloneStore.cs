using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Dynamo.Configuration;
using Dynamo.Core.Partitioning;
using Dynamo.Kv;
using Dynamo.Kv.Buckets;
using Dynamo.Kv.Persistence;
using Dynamo.Kv.Routing;
using Dynamo.Server.InProcess;
using Microsoft.Extensions.Logging;

namespace Dynamo.Server.Hosting;

/// <summary>
/// A single-node store in this process: a local actor system (no remoting: nothing else reaches
/// it but the HTTP API) persisting to the Akka.Persistence plugin named by <c>dynamo.persistence</c>, and the
/// request router at <c>/user/kv</c>, owning every partition of a one-member ring. What the node process
/// runs when no seed nodes are configured.
/// </summary>
public sealed class StandaloneStore : IAsyncDisposable
{
    /// <summary>The id of the single node; stable across restarts because stored clocks name it.</summary>
    public const string NodeId = "standalone";

    private readonly ActorSystem _system;

    private StandaloneStore(ActorSystem system, string storagePlugin, KvSettings settings, Ring ring, IActorRef router)
    {
        _system = system;
        StoragePlugin = storagePlugin;
        Settings = settings;
        Ring = ring;
        Router = router;
    }

    /// <summary>The key-value settings in effect (after <see cref="SettingsFor"/>).</summary>
    public KvSettings Settings { get; }

    /// <summary>The one-member ring.</summary>
    public Ring Ring { get; }

    /// <summary>The request router.</summary>
    public IActorRef Router { get; }

    /// <summary>The persistence plugin's name (<c>memory</c>, <c>sqlite</c> or <c>postgresql</c>).</summary>
    public string StoragePlugin { get; }

    /// <summary>
    /// Starts the actor system on its journal and the router, and installs the ring; returns once
    /// every vnode recovered. <c>akka.actor.provider</c> is always <c>local</c>, whatever the configuration says.
    /// </summary>
    /// <param name="config">The node's configuration (the reference configuration fills missing keys).</param>
    /// <param name="logger">Where the store logs its start.</param>
    /// <param name="setups">Setups the actor system starts with (for example the logger factory Akka logs to).</param>
    /// <param name="cancellationToken">Abandons the start.</param>
    /// <exception cref="ConfigurationException">A key is invalid.</exception>
    public static async Task<StandaloneStore> StartAsync(Config config, ILogger logger, IReadOnlyList<Setup>? setups = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(logger);
        var settings = SettingsFor(config, logger);
        var layered = config.WithFallback(DynamoConfig.Reference());
        var plugin = JournalConfig.PluginOf(layered);
        ActorSystem? system = null;
        try
        {
            var full = ConfigurationFactory.ParseString("akka.actor.provider = local")
                .WithFallback(JournalConfig.For(layered, NodeId))
                .WithFallback(layered);
            // The SQLite journal's connections need a setup of their own (batched writes, the synchronous mode).
            IEnumerable<Setup> all = JournalConfig.SetupFor(layered, NodeId) is { } journal ? [.. setups ?? [], journal] : setups ?? [];
            var setup = all.Aggregate(ActorSystemSetup.Create(BootstrapSetup.Create().WithConfig(full)), (all, one) => all.And(one));
            system = ActorSystem.Create(full.GetConfig("dynamo.node").ReadString("dynamo.node", "system-name"), setup);
            var directory = new LocalNodeDirectory();
            directory.Register(NodeId, system);
            var router = system.ActorOf(KvRouter.Props(NodeId, directory, settings), KvPaths.RouterName);
            var ring = new Claimant(settings.RingPartitions).Claim(null, [NodeId]);
            await router.Ask<RingInstalled>(new RingChanged(ring), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Single-node store {NodeId} started on {Plugin} storage with {Partitions} partitions",
                NodeId, plugin, ring.PartitionCount);
            return new StandaloneStore(system, plugin, settings, ring, router);
        }
        catch
        {
            if (system is not null) await system.Terminate().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The key-value settings of a single node: <c>dynamo.kv</c>, except that bucket defaults at the
    /// reference values (n=3, r=w=2) become 1, since one node can never gather two replies. Any other
    /// n, r, w set in a node file, the environment or the command line are kept as given.
    /// </summary>
    /// <remarks>
    /// Akka's HOCON keeps no origin per value, so "left at the reference values" is read as "equal to
    /// them": setting exactly n=3, r=w=2 on a single node is lowered too, which is what it needs anyway.
    /// </remarks>
    public static KvSettings SettingsFor(Config config, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(logger);
        var settings = KvSettings.FromConfig(config);
        var reference = KvSettings.FromConfig(DynamoConfig.Reference()).BucketDefaults;
        var fromReference = (settings.BucketDefaults.N, settings.BucketDefaults.R, settings.BucketDefaults.W) == (reference.N, reference.R, reference.W);
        if (!fromReference || settings.BucketDefaults.N == 1)
        {
            return settings;
        }
        logger.LogInformation("A single-node store lowers the reference bucket defaults n={N}, r={R}, w={W} to 1; set dynamo.kv.bucket-defaults to choose otherwise",
            settings.BucketDefaults.N, settings.BucketDefaults.R, settings.BucketDefaults.W);
        return settings with { BucketDefaults = settings.BucketDefaults with { N = 1, R = 1, W = 1 } };
    }

    /// <summary>An <see cref="InProcessDynamoNode"/> over this store.</summary>
    /// <param name="httpEndpoint">This node's HTTP endpoint once known.</param>
    /// <param name="startedAt">When the node started.</param>
    public InProcessDynamoNode CreateNode(Func<string?> httpEndpoint, DateTimeOffset startedAt)
    {
        ArgumentNullException.ThrowIfNull(httpEndpoint);
        return new InProcessDynamoNode(NodeId, Router, Ring, StoragePlugin, node => node == NodeId ? httpEndpoint() : null, startedAt);
    }

    /// <summary>Stops the actors; the journal plugin closes its connections as the actor system terminates.</summary>
    public async ValueTask DisposeAsync() => await _system.Terminate().ConfigureAwait(false);
}
