using System.Collections.Frozen;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Dynamo.Actors.Remote.Serialization;

/// <summary>
/// Serializes Google.Protobuf messages (id 2, as Akka's ProtobufSerializer). The manifest is the message's
/// protobuf full name (e.g. <c>dynamo.kv.Put</c>), which other languages can produce too. Only message types
/// registered here can be read back: a manifest from the wire is looked up in this map, never handed to
/// <c>Type.GetType</c>, so a peer cannot make this node instantiate arbitrary types.
/// </summary>
public sealed class ProtobufSerializer : ISerializer
{
    /// <summary>The wire id of this serializer.</summary>
    public const int Id = 2;

    private readonly FrozenDictionary<string, MessageParser> _parsers;

    /// <summary>Creates a serializer that can read the given message types (their descriptors, e.g. <c>Put.Descriptor</c>).</summary>
    /// <exception cref="ArgumentException">Two descriptors share a full name.</exception>
    public ProtobufSerializer(IEnumerable<MessageDescriptor> messages)
    {
        var parsers = new Dictionary<string, MessageParser>(StringComparer.Ordinal);
        foreach (var descriptor in messages)
        {
            if (!parsers.TryAdd(descriptor.FullName, descriptor.Parser))
                throw new ArgumentException($"Protobuf message '{descriptor.FullName}' is registered twice.", nameof(messages));
        }
        _parsers = parsers.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The protobuf full names this serializer can read.</summary>
    public IReadOnlyCollection<string> KnownManifests => _parsers.Keys;

    /// <inheritdoc />
    public int Identifier => Id;

    /// <inheritdoc />
    public string Manifest(object message) => AsMessage(message).Descriptor.FullName;

    /// <inheritdoc />
    public byte[] ToBinary(object message) => AsMessage(message).ToByteArray();

    /// <inheritdoc />
    public object FromBinary(ReadOnlyMemory<byte> bytes, string manifest)
    {
        if (!_parsers.TryGetValue(manifest, out var parser))
            throw new RemoteProtocolException($"Protobuf manifest '{manifest}' is not a registered message type.");
        try
        {
            return parser.ParseFrom(bytes.Span);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new RemoteProtocolException($"Payload of '{manifest}' is not a valid protobuf message: {e.Message}", e);
        }
    }

    private static IMessage AsMessage(object message) =>
        message as IMessage ?? throw new ArgumentException($"{nameof(ProtobufSerializer)} serializes protobuf messages only, not {message.GetType()}.", nameof(message));
}
