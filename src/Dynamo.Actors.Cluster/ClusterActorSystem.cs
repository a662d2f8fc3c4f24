using Dynamo.Actors.Cluster.Serialization;
using Dynamo.Actors.Configuration;
using Dynamo.Actors.Remote;

namespace Dynamo.Actors.Cluster;

/// <summary>
/// Creates a cluster node from HOCON: remoting (as <see cref="RemoteActorSystem"/>) with the cluster's messages
/// bound to their serializer, and, when <c>dynamo.actor.provider = cluster</c>, the <see cref="Cluster"/> extension
/// started (joining <c>dynamo.cluster.seed-nodes</c> if configured).
/// </summary>
public static class ClusterActorSystem
{
    /// <summary>Creates and starts the node; see <see cref="RemoteActorSystem.Create"/> for the options.</summary>
    /// <exception cref="ConfigurationException">A key is invalid.</exception>
    public static ActorSystem Create(string name, Config config, RemoteSystemOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        options ??= new RemoteSystemOptions();
        var application = options.ConfigureSerializers;
        options = options with
        {
            ConfigureSerializers = registry =>
            {
                ClusterMessageSerializer.BindTo(registry);
                application?.Invoke(registry);
            },
        };
        var system = RemoteActorSystem.Create(name, config, options);
        var provider = config.WithFallback(ConfigurationFactory.Reference()).GetString("dynamo.actor.provider");
        if (string.Equals(provider, "cluster", StringComparison.OrdinalIgnoreCase)) Cluster.Get(system);
        return system;
    }
}
