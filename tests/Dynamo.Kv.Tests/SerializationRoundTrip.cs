using Akka.Actor;
using Akka.Serialization;

namespace Dynamo.Kv.Tests;

/// <summary>Messages written and read back through an actor system's serialization, as remoting does.</summary>
internal static class SerializationRoundTrip
{
    /// <summary>
    /// The serializer <paramref name="system"/> binds to the first of <paramref name="messageTypes"/>, which must be
    /// a <typeparamref name="TSerializer"/>.
    /// </summary>
    public static TSerializer SerializerFor<TSerializer>(ActorSystem system, IEnumerable<Type> messageTypes) where TSerializer : Serializer =>
        Assert.IsType<TSerializer>(system.Serialization.FindSerializerForType(messageTypes.First()));

    /// <summary>
    /// <paramref name="message"/> written by the serializer its binding picks (which must be a
    /// <typeparamref name="TSerializer"/>) and read back by serializer id and manifest.
    /// </summary>
    public static T Through<TSerializer, T>(ActorSystem system, T message) where TSerializer : Serializer where T : notnull
    {
        var serializer = Assert.IsType<TSerializer>(system.Serialization.FindSerializerFor(message));
        var manifest = Serialization.ManifestFor(serializer, message);
        var bytes = serializer.ToBinary(message);
        return Assert.IsType<T>(system.Serialization.Deserialize(bytes, serializer.Identifier, manifest));
    }
}
