using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using Dynamo.Configuration;
using Dynamo.Core.Partitioning;
using Dynamo.Kv;
using Dynamo.Kv.Buckets;
using Dynamo.Kv.Hosting;
using Dynamo.Kv.Persistence;
using Dynamo.Kv.Routing;
using Dynamo.Server.InProcess;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dynamo.Server.Hosting;

/// <summary>
/// A single-node store in this process: a local actor system (no remoting: nothing else reaches it but the HTTP API)
/// persisting to the Akka.Persistence plugin named by <c>dynamo.persistence</c>, and the request router at
/// <c>/user/kv</c>, owning every partition of a one-member ring. What the node process runs when no seed nodes are
/// configured, on the generic host with Akka.Hosting like a cluster member (<see cref="StandaloneHosting.AddStandaloneStore"/>).
/// </summary>
public sealed class StandaloneStore : IAsyncDisposable
{
    /// <summary>The id of the single node; stable across restarts because stored clocks name it.</summary>
    public const string NodeId = "standalone";

    private readonly ActorSystem _system;
    private IHost? _host;

    internal StandaloneStore(ActorSystem system, string storagePlugin, KvSettings settings)
    {
        _system = system;
        StoragePlugin = storagePlugin;
        Settings = settings;
        Ring = new Claimant(settings.RingPartitions).Claim(null, [NodeId]);
        var directory = new LocalNodeDirectory();
        directory.Register(NodeId, system);
        Router = system.ActorOf(KvRouter.Props(NodeId, directory, settings), KvPaths.RouterName);
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
    /// Starts a store of its own on a generic host (as <see cref="StandaloneHosting.AddStandaloneStore"/> does for the node process) and
    /// returns it once every vnode recovered.
    /// </summary>
    /// <param name="config">The node's configuration (the reference configuration fills missing keys).</param>
    /// <param name="logger">Where the store logs its start.</param>
    /// <param name="cancellationToken">Abandons the start.</param>
    /// <exception cref="ConfigurationException">A key is invalid.</exception>
    public static async Task<StandaloneStore> StartAsync(Config config, ILogger logger, CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddStandaloneStore(config, logger);
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            var store = host.Services.GetRequiredService<StandaloneStore>();
            store._host = host;
            return store;
        }
        catch
        {
            // Akka.Hosting's service stops the actor system itself when its start fails; the host has nothing else.
            host.Dispose();
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
        logger.BucketDefaultsLowered(settings.BucketDefaults.N, settings.BucketDefaults.R, settings.BucketDefaults.W);
        return settings with { BucketDefaults = settings.BucketDefaults with { N = 1, R = 1, W = 1 } };
    }

    /// <summary>An <see cref="InProcessDynamoNode"/> over this store.</summary>
    /// <param name="httpEndpoint">This node's HTTP endpoint once known.</param>
    /// <param name="startedAt">When the node started.</param>
    public InProcessDynamoNode CreateNode(Func<string?> httpEndpoint, DateTimeOffset startedAt)
    {
        ArgumentNullException.ThrowIfNull(httpEndpoint);
        return new InProcessDynamoNode(NodeId, Router, Ring, StoragePlugin, node => node == NodeId ? httpEndpoint() : null, startedAt)
        {
            Metrics = Kv.Diagnostics.KvMetrics.For(_system, NodeId),
        };
    }

    /// <summary>
    /// Stops the host <see cref="StartAsync"/> made, and with it the actors; the journal plugin closes its connections
    /// as the actor system terminates. A store registered on another host stops with that host.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _host, null) is { } host)
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            host.Dispose();
        }
    }
}
