using Dynamo.Actors.Remote;
using Dynamo.Protocol;
using Google.Protobuf.Reflection;

namespace Dynamo.Kv.Remoting;

/// <summary>
/// What an actor system that talks to key-value nodes must be able to serialize: the client protocol
/// (<c>dynamo.protocol</c> protobuf messages) and, on nodes, the inter-node messages of
/// <see cref="KvMessageSerializer"/>.
/// </summary>
public static class KvSerialization
{
    /// <summary>Every message of the client protocol (Get, Put, Delete, their results, KvFailure, bucket properties).</summary>
    public static IReadOnlyList<MessageDescriptor> ProtocolMessages { get; } = [.. KvReflection.Descriptor.MessageTypes];

    /// <summary>Options for a key-value node: the client protocol plus the inter-node messages, on top of <paramref name="options"/>.</summary>
    public static RemoteSystemOptions ForNode(RemoteSystemOptions? options = null)
    {
        options ??= new RemoteSystemOptions();
        var application = options.ConfigureSerializers;
        return options with
        {
            ProtobufMessages = [.. options.ProtobufMessages, .. ProtocolMessages],
            ConfigureSerializers = registry =>
            {
                KvMessageSerializer.BindTo(registry);
                KvReapingSerializer.BindTo(registry);
                Handoff.HandoffMessageSerializer.BindTo(registry);
                HintMessageSerializer.BindTo(registry);
                ObjectBufferSerializer.BindTo(registry);
                AntiEntropyMessageSerializer.BindTo(registry);
                application?.Invoke(registry);
            },
        };
    }

    /// <summary>Options for a client-only system (provider <c>remote</c>) that sends protocol messages to <c>/user/kv</c> on nodes.</summary>
    public static RemoteSystemOptions ForClient(RemoteSystemOptions? options = null)
    {
        options ??= new RemoteSystemOptions();
        return options with { ProtobufMessages = [.. options.ProtobufMessages, .. ProtocolMessages] };
    }
}
