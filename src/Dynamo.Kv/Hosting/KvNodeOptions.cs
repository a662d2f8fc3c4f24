using Akka.Actor.Setup;

namespace Dynamo.Kv.Hosting;

/// <summary>What a host may add to a <see cref="KvNode"/> beyond its HOCON.</summary>
public sealed record KvNodeOptions
{
    /// <summary>Setups the actor system starts with (for example Akka.Remote's <c>DotNettySslSetup</c>).</summary>
    public IReadOnlyList<Setup> Setups { get; init; } = [];

    /// <summary>The actor system name; null reads <c>dynamo.node.system-name</c>.</summary>
    public string? SystemName { get; init; }
}
