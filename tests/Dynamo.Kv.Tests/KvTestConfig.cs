using Akka.Configuration;
using Dynamo.Kv.Remoting;
using Dynamo.TestSupport;

namespace Dynamo.Kv.Tests;

/// <summary>The settings of actor systems that run key-value actors in this process, without remoting.</summary>
internal static class KvTestConfig
{
    /// <summary>The test settings over the key-value serializer bindings (the client protocol's included).</summary>
    public static Config Local { get; } = TestConfig.Akka.WithFallback(KvSerialization.Config);
}
