using System.Collections.Immutable;
using System.Runtime.Serialization;
using Akka.Actor;
using Dynamo.Kv.Buckets;
using Dynamo.Protocol;
using Google.Protobuf;

namespace Dynamo.Kv.Remoting;

/// <summary>
/// Serializes the values of the replicated bucket-properties map (<see cref="BucketMetadata.Key"/>): each
/// <see cref="BucketProperties"/> as the client protocol's <see cref="BucketProps"/> message. Akka.DistributedData's
/// own serializer writes the map and calls this one for every value in it.
/// </summary>
/// <remarks>
/// Reading does not validate: a value that fails <see cref="BucketProperties.Problem"/> is skipped by
/// <see cref="BucketMetadata"/>, whereas an exception here would make the whole map unreadable.
/// </remarks>
public sealed class BucketMetadataSerializer : ManifestSerializer
{
    /// <summary>The wire id of this serializer.</summary>
    public const int Id = 107;

    private static readonly ImmutableArray<(Type Type, string Manifest)> Manifests =
    [
        (typeof(BucketProperties), "bucket-properties"),
    ];

    /// <summary>The message types this serializer writes.</summary>
    public static IEnumerable<Type> MessageTypes => Manifests.Select(m => m.Type);

    /// <summary>Creates the serializer; Akka.NET does, from the bindings in HOCON.</summary>
    public BucketMetadataSerializer(ExtendedActorSystem system)
        : base(system, Manifests)
    {
    }

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override byte[] ToBinary(object message) => message switch
    {
        BucketProperties props => props.ToProtocol().ToByteArray(),
        null => throw new ArgumentNullException(nameof(message)),
        _ => throw new ArgumentException($"{nameof(BucketMetadataSerializer)} cannot serialize {message.GetType()}.", nameof(message)),
    };

    /// <inheritdoc />
    public override object FromBinary(ReadOnlyMemory<byte> bytes, string manifest)
    {
        try
        {
            return manifest switch
            {
                "bucket-properties" => BucketProperties.FromProtocol(BucketProps.Parser.ParseFrom(bytes.Span)),
                _ => throw new SerializationException($"Bucket metadata manifest '{manifest}' is not a known message."),
            };
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new SerializationException($"Payload of bucket metadata message '{manifest}' is unreadable: {e.Message}", e);
        }
    }
}
