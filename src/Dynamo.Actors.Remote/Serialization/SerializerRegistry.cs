using System.Collections.Concurrent;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Dynamo.Actors.Remote.Serialization;

/// <summary>
/// Which serializer writes a message type, and which serializer an id on the wire names. A type is bound by its
/// exact type first, then by its nearest bound base class, then by a bound interface (in binding order).
/// Build it fully before the system starts; lookups are thread-safe, bindings are not meant to change afterwards.
/// </summary>
public sealed class SerializerRegistry
{
    private readonly Dictionary<int, ISerializer> _byId = new();
    private readonly List<(Type Type, ISerializer Serializer)> _bindings = new();
    private readonly ConcurrentDictionary<Type, ISerializer?> _resolved = new();

    /// <summary>
    /// A registry with the built-in serializers: <c>byte[]</c> → <see cref="BytesSerializer"/>, <c>string</c> →
    /// <see cref="StringSerializer"/>, <see cref="IMessage"/> → a <see cref="ProtobufSerializer"/> for the given messages.
    /// </summary>
    public static SerializerRegistry CreateDefault(params MessageDescriptor[] protobufMessages)
    {
        var registry = new SerializerRegistry();
        registry.Bind<byte[]>(new BytesSerializer());
        registry.Bind<string>(new StringSerializer());
        registry.Bind<IMessage>(new ProtobufSerializer(protobufMessages));
        return registry;
    }

    /// <summary>Binds <typeparamref name="T"/> (and, unless bound more exactly, its subtypes) to <paramref name="serializer"/>.</summary>
    public SerializerRegistry Bind<T>(ISerializer serializer) => Bind(typeof(T), serializer);

    /// <summary>Binds <paramref name="type"/> (and, unless bound more exactly, its subtypes) to <paramref name="serializer"/>.</summary>
    /// <exception cref="ArgumentException">Another serializer already uses the same identifier, or the type is bound already.</exception>
    public SerializerRegistry Bind(Type type, ISerializer serializer)
    {
        if (_byId.TryGetValue(serializer.Identifier, out var existing) && !ReferenceEquals(existing, serializer))
            throw new ArgumentException($"Serializer id {serializer.Identifier} is taken by {existing.GetType().Name}; {serializer.GetType().Name} needs another id.", nameof(serializer));
        if (_bindings.Any(b => b.Type == type))
            throw new ArgumentException($"{type} is already bound to a serializer.", nameof(type));
        _byId[serializer.Identifier] = serializer;
        _bindings.Add((type, serializer));
        _resolved.Clear();
        return this;
    }

    /// <summary>The serializer for a message of <paramref name="type"/>.</summary>
    /// <exception cref="InvalidOperationException">No binding covers the type.</exception>
    public ISerializer FindFor(Type type) =>
        _resolved.GetOrAdd(type, Resolve)
        ?? throw new InvalidOperationException($"No serializer is bound for message type {type}; bind one in the {nameof(SerializerRegistry)}.");

    /// <summary>The serializer with wire id <paramref name="identifier"/>.</summary>
    /// <exception cref="RemoteProtocolException">No serializer has that id (a peer sent something this node cannot read).</exception>
    public ISerializer GetById(int identifier) =>
        _byId.TryGetValue(identifier, out var serializer)
            ? serializer
            : throw new RemoteProtocolException($"Unknown serializer id {identifier}.");

    private ISerializer? Resolve(Type type)
    {
        foreach (var (bound, serializer) in _bindings)
            if (bound == type) return serializer;
        for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
            foreach (var (bound, serializer) in _bindings)
                if (bound == baseType) return serializer;
        foreach (var (bound, serializer) in _bindings)
            if (bound.IsInterface && bound.IsAssignableFrom(type)) return serializer;
        return null;
    }
}
