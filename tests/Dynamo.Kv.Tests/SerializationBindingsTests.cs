using Akka.Remote.Serialization;
using Dynamo.Kv.Handoff;
using Dynamo.Kv.Remoting;
using Dynamo.Protocol;
using Google.Protobuf;

namespace Dynamo.Kv.Tests;

/// <summary>
/// The HOCON bindings of <c>Remoting/serialization.conf</c>: every name in them is a real type that reaches its
/// serializer, every message a serializer writes is bound, and the client protocol goes through Akka.Remote's
/// protobuf serializer.
/// </summary>
public sealed class SerializationBindingsTests : KvTestKit
{
    private static readonly (Type Serializer, IEnumerable<Type> Messages)[] Serializers =
    [
        (typeof(KvMessageSerializer), KvMessageSerializer.MessageTypes),
        (typeof(HintMessageSerializer), HintMessageSerializer.MessageTypes),
        (typeof(HandoffMessageSerializer), HandoffMessageSerializer.MessageTypes),
        (typeof(KvReapingSerializer), KvReapingSerializer.MessageTypes),
        (typeof(ObjectBufferSerializer), ObjectBufferSerializer.MessageTypes),
        (typeof(AntiEntropyMessageSerializer), AntiEntropyMessageSerializer.MessageTypes),
        (typeof(VNodeJournalSerializer), VNodeJournalSerializer.MessageTypes),
    ];

    [Fact]
    public void Every_bound_type_exists_and_resolves_to_the_serializer_it_is_bound_to()
    {
        var bindings = KvSerialization.Config.GetConfig("akka.actor.serialization-bindings").AsEnumerable().ToList();
        Assert.NotEmpty(bindings);
        foreach (var (typeName, serializerName) in bindings.Select(b => (b.Key, b.Value.GetString())))
        {
            var type = Type.GetType(typeName);
            Assert.True(type is not null, $"bound type '{typeName}' does not exist");
            var serializerTypeName = KvSerialization.Config.GetString($"akka.actor.serializers.{serializerName}");
            var serializerType = Type.GetType(serializerTypeName);
            Assert.True(serializerType is not null, $"serializer '{serializerName}' names no type ('{serializerTypeName}')");
            Assert.Equal(serializerType, Sys.Serialization.FindSerializerForType(type).GetType());
        }
    }

    [Fact]
    public void Every_message_a_serializer_writes_is_bound_to_it_and_every_serializer_has_its_id()
    {
        foreach (var (serializer, messages) in Serializers)
        {
            foreach (var message in messages)
                Assert.Equal(serializer, Sys.Serialization.FindSerializerForType(message).GetType());
        }
        Assert.Equal([100, 101, 102, 103, 104, 105, 106], Serializers.Select(s => Sys.Serialization.FindSerializerForType(s.Messages.First()).Identifier));
    }

    [Fact]
    public void Client_protocol_messages_go_through_the_protobuf_serializer_and_round_trip()
    {
        foreach (var descriptor in KvSerialization.ProtocolMessages)
            Assert.IsType<ProtobufSerializer>(Sys.Serialization.FindSerializerForType(descriptor.ClrType));

        var put = new Put { Bucket = "b", Key = ByteString.CopyFromUtf8("k"), Value = ByteString.CopyFromUtf8("v"), W = 3 };
        Assert.Equal(put, SerializationRoundTrip.Through<ProtobufSerializer, Put>(Sys, put));
    }
}
