using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using Dynamo.Configuration;
using Dynamo.Kv.Hosting;
using Dynamo.Kv.Persistence;
using Dynamo.Kv.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dynamo.Server.Hosting;

/// <summary>How a host runs a <see cref="StandaloneStore"/>: the node process's single-node mode.</summary>
public static class StandaloneHosting
{
    /// <summary>
    /// Registers the store's actor system on <paramref name="services"/> (Akka.Hosting) and the store itself, which
    /// the host starts with it: its router is up and its ring installed (every vnode recovered) before the host's
    /// later services (Kestrel) start. <c>akka.actor.provider</c> is always <c>local</c>, whatever the configuration says.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="config">The node's configuration (the reference configuration fills missing keys).</param>
    /// <param name="logger">Where the store logs its start.</param>
    /// <param name="configure">Adds what the host needs beside the store to its actor system (health checks, for one).</param>
    /// <exception cref="ConfigurationException">A key is invalid.</exception>
    public static IServiceCollection AddStandaloneStore(this IServiceCollection services, Config config, ILogger logger, Action<AkkaConfigurationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(logger);
        var settings = StandaloneStore.SettingsFor(config, logger);
        var layered = config.WithFallback(DynamoConfig.Reference());
        var plugin = JournalConfig.PluginOf(layered);
        var full = ConfigurationFactory.ParseString("akka.actor.provider = local")
            .WithFallback(JournalConfig.For(layered, StandaloneStore.NodeId))
            .WithFallback(layered);
        // The SQLite journal's connections need a setup of their own (batched writes, the synchronous mode).
        var journal = JournalConfig.SetupFor(layered, StandaloneStore.NodeId);
        services.AddSingleton(sp => new StandaloneStore(sp.GetRequiredService<ActorSystem>(), plugin, settings));
        return services.AddAkka(full.GetConfig("dynamo.node").ReadString("dynamo.node", "system-name"), (akka, _) =>
        {
            akka.AddHocon(full, HoconAddMode.Prepend);
            if (journal is not null) akka.AddSetup(journal);
            configure?.Invoke(akka);
            akka.StartActors(async (_, registry, resolver) =>
            {
                var store = resolver.GetService<StandaloneStore>();
                await store.Router.Ask<RingInstalled>(new RingChanged(store.Ring), TimeSpan.FromSeconds(30)).ConfigureAwait(false);
                registry.Register<DynamoStore>(store.Router);
                logger.SingleNodeStarted(StandaloneStore.NodeId, plugin, store.Ring.PartitionCount);
            });
        });
    }
}
