using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Hosting;
using Dynamo.Configuration;
using Dynamo.Kv.Persistence;
using Dynamo.Kv.Remoting;
using Microsoft.Extensions.DependencyInjection;

namespace Dynamo.Kv.Hosting;

/// <summary>
/// The one place a node is wired: the Akka.Hosting extension that turns an Akka.NET app into a Dynamo node. Members
/// with the store's role (<c>dynamo.kv.role</c>, <c>dynamo</c> by default) run the store (<see cref="KvNode"/>); the
/// others reach it through a proxy (<see cref="StoreProxy"/>). Either way the entry actor is registered as
/// <see cref="DynamoStore"/> in the <see cref="ActorRegistry"/>.
/// </summary>
/// <example>
/// <code>
/// builder.Services.AddAkka("orders", (akka, sp) => akka
///     .WithClustering(new ClusterOptions { Roles = ["dynamo"], SeedNodes = ["akka.tcp://orders@10.0.0.1:4053"] })
///     .WithDynamo(ConfigurationFactory.ParseString("dynamo.persistence.sqlite.data-dir = /var/lib/orders")));
/// // later: var store = await registry.GetAsync&lt;DynamoStore&gt;(); store.Ask(new Put { ... });
/// </code>
/// </example>
public static class DynamoHosting
{
    /// <summary>
    /// Adds Dynamo to the actor system <paramref name="builder"/> configures. <paramref name="config"/> holds the
    /// <c>dynamo</c> keys (reference.conf fills the missing ones) and may hold <c>akka</c> settings; settings the app
    /// configured on the builder before this call win over it. Call it after the app's clustering and remoting.
    /// </summary>
    /// <exception cref="ConfigurationException">A key is invalid (the message names it).</exception>
    public static AkkaConfigurationBuilder WithDynamo(this AkkaConfigurationBuilder builder, Config? config = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var given = ConfigurationFactory.ParseString("akka.actor.provider = cluster").WithFallback(config ?? Config.Empty);
        var own = given.WithFallback(KvSerialization.Config).WithFallback(DynamoConfig.Reference());
        // What the actor system will run with, as far as it is known now: the app's own settings first.
        var full = builder.Configuration.HasValue ? builder.Configuration.Value.WithFallback(own) : own;
        var settings = KvSettings.FromConfig(full);
        // The store's role is one decision: the receptionist and the replicator of its metadata take it too, unless
        // the configuration names their roles itself.
        var role = System.Text.Json.JsonSerializer.Serialize(settings.StoreRole);
        own = given
            .WithFallback(ConfigurationFactory.ParseString($"akka.cluster.client.receptionist.role = {role}\nakka.cluster.distributed-data.role = {role}"))
            .WithFallback(KvSerialization.Config)
            .WithFallback(DynamoConfig.Reference());
        full = builder.Configuration.HasValue ? builder.Configuration.Value.WithFallback(own) : own;
        bool runsStore = full.GetStringList("akka.cluster.roles").Contains(settings.StoreRole);
        if (runsStore)
        {
            // The journal is chosen before the system starts, so it names the node by its configured address.
            var journalNodeId = ConfiguredNodeId(full);
            own = JournalConfig.For(full, journalNodeId).WithFallback(own);
            if (JournalConfig.SetupFor(full, journalNodeId) is { } journal) builder.AddSetup(journal);
        }
        builder.AddHocon(own, HoconAddMode.Append);
        return builder.StartActors((system, registry) =>
        {
            var entry = runsStore
                ? KvNode.Get(system).Router
                : system.ActorOf(StoreProxy.Props(settings.StoreRole), StoreProxy.Name);
            registry.Register<DynamoStore>(entry);
        });
    }

    /// <summary>
    /// Registers an actor system named <paramref name="systemName"/> that runs Dynamo from <paramref name="config"/>
    /// (see <see cref="WithDynamo"/>), hosted by <see cref="DynamoHostedService"/> so that stopping the host does not
    /// make a store member leave the cluster. <paramref name="configure"/> adds what the app needs beside it.
    /// </summary>
    public static IServiceCollection AddDynamo(this IServiceCollection services, string systemName, Config config, Action<AkkaConfigurationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(systemName);
        ArgumentNullException.ThrowIfNull(config);
        return services.AddAkka<DynamoHostedService>(systemName, (akka, _) =>
        {
            configure?.Invoke(akka);
            akka.WithDynamo(config);
        });
    }

    /// <summary>The actor system name <paramref name="config"/> gives every node (<c>dynamo.node.system-name</c>).</summary>
    /// <exception cref="ConfigurationException">The key is not a string.</exception>
    public static string SystemNameOf(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.WithFallback(DynamoConfig.Reference()).GetConfig("dynamo.node").ReadString("dynamo.node", "system-name");
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
}
