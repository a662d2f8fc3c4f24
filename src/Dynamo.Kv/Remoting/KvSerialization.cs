using Akka.Configuration;
using Dynamo.Protocol;
using Google.Protobuf.Reflection;

namespace Dynamo.Kv.Remoting;

/// <summary>
/// What an actor system that talks to key-value nodes must be able to serialize. The client protocol
/// (<c>dynamo.protocol</c> protobuf messages) goes through Akka.Remote's own protobuf serializer; the inter-node
/// messages through the serializers bound in <c>Remoting/serialization.conf</c>, which every node loads.
/// </summary>
public static class KvSerialization
{
    private const string Resource = "Dynamo.Kv.serialization.conf";

    /// <summary>Every message of the client protocol (Get, Put, Delete, their results, KvFailure, bucket properties).</summary>
    public static IReadOnlyList<MessageDescriptor> ProtocolMessages { get; } = [.. KvReflection.Descriptor.MessageTypes];

    /// <summary>The serializer definitions and bindings of the inter-node messages, for a node's configuration.</summary>
    public static Config Config { get; } = Load();

    private static Config Load()
    {
        using var stream = typeof(KvSerialization).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"the embedded resource '{Resource}' is missing");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}
