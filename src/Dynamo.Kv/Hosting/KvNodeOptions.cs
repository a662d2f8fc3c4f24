using Dynamo.Actors.Remote;

namespace Dynamo.Kv.Hosting;

/// <summary>What a host may add to a <see cref="KvNode"/> beyond its HOCON.</summary>
public sealed record KvNodeOptions
{
    /// <summary>
    /// Remoting options (a fault-injecting transport in tests, extra serializers); the key-value
    /// serializers and the client protocol are added to them.
    /// </summary>
    public RemoteSystemOptions Remote { get; init; } = new();

    /// <summary>The actor system name; null reads <c>dynamo.node.system-name</c>.</summary>
    public string? SystemName { get; init; }
}
