using Akka.Configuration;
using Dynamo.Configuration;
using Dynamo.Kv.Buckets;
using Dynamo.Protocol;
using Google.Protobuf;

namespace Dynamo.Kv.Tests;

/// <summary>The object_buffer bucket property through the wire form, the bucket properties and the HOCON defaults.</summary>
public sealed class ObjectBufferPropertyTests
{
    [Fact]
    public void Object_buffer_survives_the_protocol_and_the_bucket_properties()
    {
        var props = BucketProperties.Default with { ObjectBuffer = true };

        var wire = BucketProps.Parser.ParseFrom(props.ToProtocol().ToByteArray());
        var back = BucketProperties.FromProtocol(wire);

        Assert.True(wire.ObjectBuffer);
        Assert.Equal(props, back);
        Assert.False(BucketProperties.FromProtocol(BucketPropsOf(BucketProperties.Default)).ObjectBuffer);
    }

    [Fact]
    public void Object_buffer_is_off_by_default_in_the_reference_configuration_and_can_be_turned_on()
    {
        var reference = KvSettings.FromConfig(DynamoConfig.Reference());
        var on = KvSettings.FromConfig(ConfigurationFactory.ParseString("dynamo.kv.bucket-defaults.object-buffer = on")
            .WithFallback(DynamoConfig.Reference()));

        Assert.False(reference.BucketDefaults.ObjectBuffer);
        Assert.True(on.BucketDefaults.ObjectBuffer);
    }

    private static BucketProps BucketPropsOf(BucketProperties props) => BucketProps.Parser.ParseFrom(props.ToProtocol().ToByteArray());
}
