using Dynamo.Actors.Remote.Serialization;
using Dynamo.Actors.Remote.Wire;
using Google.Protobuf;

namespace Dynamo.Actors.Remote.Tests;

public class SerializerRegistryTests
{
    private abstract record Shape;

    private sealed record Circle(double Radius) : Shape;

    private interface ITagged;

    private sealed record Tagged : ITagged;

    private sealed class FixedSerializer(int id) : ISerializer
    {
        public int Identifier => id;
        public string Manifest(object message) => "";
        public byte[] ToBinary(object message) => [];
        public object FromBinary(ReadOnlyMemory<byte> bytes, string manifest) => new object();
    }

    [Fact]
    public void Exact_binding_wins_over_base_type_and_interface()
    {
        var exact = new FixedSerializer(101);
        var registry = new SerializerRegistry().Bind<Shape>(new FixedSerializer(100)).Bind<Circle>(exact);
        Assert.Same(exact, registry.FindFor(typeof(Circle)));
    }

    [Fact]
    public void Subtype_resolves_to_its_base_type_binding_then_to_an_interface_binding()
    {
        var byBase = new FixedSerializer(100);
        var byInterface = new FixedSerializer(102);
        var registry = new SerializerRegistry().Bind<Shape>(byBase).Bind<ITagged>(byInterface);
        Assert.Same(byBase, registry.FindFor(typeof(Circle)));
        Assert.Same(byInterface, registry.FindFor(typeof(Tagged)));
    }

    [Fact]
    public void Unbound_type_is_refused_with_its_name()
    {
        var e = Assert.Throws<InvalidOperationException>(() => SerializerRegistry.CreateDefault().FindFor(typeof(Circle)));
        Assert.Contains(nameof(Circle), e.Message);
    }

    [Fact]
    public void Two_serializers_cannot_share_an_identifier()
    {
        var registry = new SerializerRegistry().Bind<Shape>(new FixedSerializer(100));
        Assert.Throws<ArgumentException>(() => registry.Bind<ITagged>(new FixedSerializer(100)));
    }

    [Fact]
    public void Unknown_serializer_id_is_a_protocol_violation()
    {
        var e = Assert.Throws<RemoteProtocolException>(() => SerializerRegistry.CreateDefault().GetById(999));
        Assert.Contains("999", e.Message);
    }

    [Fact]
    public void Protobuf_messages_round_trip_by_their_registered_full_name()
    {
        var registry = SerializerRegistry.CreateDefault(Disassociate.Descriptor);
        var message = new Disassociate { Reason = "leaving" };
        var serializer = registry.FindFor(message.GetType());
        var manifest = serializer.Manifest(message);

        var back = registry.GetById(serializer.Identifier).FromBinary(serializer.ToBinary(message), manifest);

        Assert.Equal("dynamo.remote.Disassociate", manifest);
        Assert.Equal(message, back);
    }

    [Fact]
    public void Protobuf_manifest_that_was_not_registered_is_refused_even_if_the_type_exists()
    {
        var registry = SerializerRegistry.CreateDefault(Disassociate.Descriptor);
        var bytes = new Heartbeat().ToByteArray();
        var e = Assert.Throws<RemoteProtocolException>(() => registry.GetById(ProtobufSerializer.Id).FromBinary(bytes, Heartbeat.Descriptor.FullName));
        Assert.Contains("dynamo.remote.Heartbeat", e.Message);
    }

    [Fact]
    public void Strings_and_bytes_round_trip_through_the_default_registry()
    {
        var registry = SerializerRegistry.CreateDefault();
        foreach (object message in new object[] { "grüße", new byte[] { 0, 255, 7 } })
        {
            var serializer = registry.FindFor(message.GetType());
            var back = registry.GetById(serializer.Identifier).FromBinary(serializer.ToBinary(message), serializer.Manifest(message));
            Assert.Equal(message, back);
        }
    }

    [Fact]
    public void Invalid_utf8_string_payload_is_a_protocol_violation()
    {
        Assert.Throws<RemoteProtocolException>(() => new StringSerializer().FromBinary(new byte[] { 0xC3, 0x28 }, ""));
    }
}
