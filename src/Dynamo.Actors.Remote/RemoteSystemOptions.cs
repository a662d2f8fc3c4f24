using Dynamo.Actors.Remote.Serialization;
using Dynamo.Actors.Remote.Transport;
using Google.Protobuf.Reflection;

namespace Dynamo.Actors.Remote;

/// <summary>What a networked system needs beyond its HOCON: application serializers and, for tests, another transport.</summary>
public sealed record RemoteSystemOptions
{
    /// <summary>Builds the transport from the settings; null means TCP. Tests wrap TCP in a fault-injecting transport here.</summary>
    public Func<RemoteSettings, ITransport>? Transport { get; init; }

    /// <summary>Binds application message types to serializers, after the built-in and runtime bindings.</summary>
    public Action<SerializerRegistry>? ConfigureSerializers { get; init; }

    /// <summary>Protobuf message types the built-in protobuf serializer must read (e.g. <c>Put.Descriptor</c>).</summary>
    public IReadOnlyList<MessageDescriptor> ProtobufMessages { get; init; } = [];

    /// <summary>Adjusts the actor system settings read from HOCON (e.g. a guardian strategy) before the system starts.</summary>
    public Func<ActorSystemSettings, ActorSystemSettings>? ConfigureSystem { get; init; }
}
