using Dynamo.Actors.Configuration;

namespace Dynamo.Actors.Remote;

/// <summary>
/// Creates actor systems from HOCON with remoting switched on by <c>dynamo.actor.provider = remote</c> (or
/// <c>cluster</c>, which the cluster layer builds on): the system listens on <c>dynamo.remote.hostname:port</c> and
/// its address becomes <c>dynamo.tcp://name@host:port</c>.
/// </summary>
public static class RemoteActorSystem
{
    /// <summary>
    /// Creates a system from <paramref name="config"/> (reference defaults for missing keys). With provider
    /// <c>local</c> the system has no network; with <c>remote</c> or <c>cluster</c> remoting is started first.
    /// </summary>
    /// <exception cref="ConfigurationException">A key is invalid or the provider is unknown.</exception>
    public static ActorSystem Create(string name, Config config, RemoteSystemOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        options ??= new RemoteSystemOptions();
        var full = config.WithFallback(ConfigurationFactory.Reference());
        var settings = ActorSystemSettings.FromConfig(full);
        string provider = full.GetString("dynamo.actor.provider").ToLowerInvariant();
        switch (provider)
        {
            case "local":
                break;
            case "remote" or "cluster":
                var remote = RemoteSettings.FromConfig(full);
                settings = settings with
                {
                    ProviderFactory = RemoteActorRefProvider.Factory(remote, options.Transport, options.ConfigureSerializers, options.ProtobufMessages),
                };
                break;
            default:
                throw new ConfigurationException($"dynamo.actor.provider must be local, remote or cluster, was '{provider}'.", "dynamo.actor.provider");
        }
        if (options.ConfigureSystem is not null) settings = options.ConfigureSystem(settings);
        return ActorSystem.Create(name, settings);
    }

    /// <summary>The remote provider of <paramref name="system"/>.</summary>
    /// <exception cref="InvalidOperationException">The system was created without remoting.</exception>
    public static RemoteActorRefProvider ProviderOf(ActorSystem system) =>
        system.Provider as RemoteActorRefProvider
        ?? throw new InvalidOperationException($"{system} has no remoting (dynamo.actor.provider is local).");
}
