using Dynamo.Actors.Configuration;

namespace Dynamo.Actors;

public sealed partial class ActorSystem
{
    /// <summary>
    /// Creates a system configured from the <c>dynamo.actor</c> section of <paramref name="config"/> (reference
    /// defaults for missing keys). A provider that is not <c>local</c> needs the remoting entry point
    /// (<c>RemoteActorSystem.Create</c>), which this overload refuses rather than silently running without network.
    /// </summary>
    /// <exception cref="ConfigurationException">A key is invalid, or <c>dynamo.actor.provider</c> asks for networking.</exception>
    public static ActorSystem Create(string name, Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        string provider = config.WithFallback(ConfigurationFactory.Reference()).GetString("dynamo.actor.provider");
        if (!string.Equals(provider, "local", StringComparison.OrdinalIgnoreCase))
            throw new ConfigurationException(
                $"dynamo.actor.provider = {provider} needs networking: create the system with RemoteActorSystem.Create (Dynamo.Actors.Remote) or ClusterActorSystem.Create (Dynamo.Actors.Cluster).",
                "dynamo.actor.provider");
        return Create(name, ActorSystemSettings.FromConfig(config));
    }
}
