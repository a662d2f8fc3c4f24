using System.Collections.Immutable;
using System.Runtime.Serialization;
using Akka.Actor;
using Dynamo.Kv.Membership;

namespace Dynamo.Kv.Remoting;

/// <summary>
/// Serializes the events of a node's <see cref="DrainRecord"/> (<see cref="DrainStarted"/>, <see cref="DrainEnded"/>)
/// for its journal. They hold nothing, so the manifest is the whole event and the payload is empty.
/// </summary>
public sealed class DrainRecordSerializer : ManifestSerializer
{
    /// <summary>The wire id of this serializer.</summary>
    public const int Id = 109;

    private static readonly ImmutableArray<(Type Type, string Manifest)> Manifests =
    [
        (typeof(DrainStarted), "drain-started"),
        (typeof(DrainEnded), "drain-ended"),
    ];

    /// <summary>The event types this serializer writes.</summary>
    public static IEnumerable<Type> MessageTypes => Manifests.Select(m => m.Type);

    /// <summary>Creates the serializer; Akka.NET does, from the bindings in HOCON.</summary>
    public DrainRecordSerializer(ExtendedActorSystem system)
        : base(system, Manifests)
    {
    }

    /// <inheritdoc />
    public override int Identifier => Id;

    /// <inheritdoc />
    public override byte[] ToBinary(object message) => message switch
    {
        DrainStarted or DrainEnded => [],
        null => throw new ArgumentNullException(nameof(message)),
        _ => throw new ArgumentException($"{nameof(DrainRecordSerializer)} cannot serialize {message.GetType()}.", nameof(message)),
    };

    /// <inheritdoc />
    public override object FromBinary(ReadOnlyMemory<byte> bytes, string manifest) => manifest switch
    {
        "drain-started" => DrainStarted.Instance,
        "drain-ended" => DrainEnded.Instance,
        _ => throw new SerializationException($"{nameof(DrainRecordSerializer)} does not know the manifest '{manifest}'."),
    };
}
