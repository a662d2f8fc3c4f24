using System.Runtime.Serialization;
using System.Collections.Immutable;
using Akka.Actor;
using Akka.Serialization;

namespace Dynamo.Kv.Remoting;

/// <summary>
/// An Akka.NET serializer whose manifest is a short fixed name per message type, taken from one table, so
/// renaming a C# type never breaks the wire. The key-value serializers derive from it and are bound to their
/// message types in HOCON (<c>Remoting/serialization.conf</c>).
/// </summary>
public abstract class ManifestSerializer : SerializerWithStringManifest
{
    private readonly ImmutableArray<(Type Type, string Manifest)> _manifests;

    /// <summary>Creates a serializer of <paramref name="system"/> writing the types of <paramref name="manifests"/>.</summary>
    protected ManifestSerializer(ExtendedActorSystem system, ImmutableArray<(Type Type, string Manifest)> manifests)
        : base(system)
    {
        _manifests = manifests;
    }

    /// <inheritdoc />
    public sealed override string Manifest(object o)
    {
        ArgumentNullException.ThrowIfNull(o);
        foreach (var (type, manifest) in _manifests)
            if (type == o.GetType()) return manifest;
        throw new ArgumentException($"{GetType().Name} cannot serialize {o.GetType()}.", nameof(o));
    }

    /// <inheritdoc />
    public sealed override object FromBinary(byte[] bytes, string manifest) => FromBinary(bytes.AsMemory(), manifest);

    /// <summary>Reads a message of the type <paramref name="manifest"/> names.</summary>
    /// <exception cref="System.Runtime.Serialization.SerializationException">The manifest is unknown.</exception>
    public abstract object FromBinary(ReadOnlyMemory<byte> bytes, string manifest);
}
