using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Serialization;

namespace Dynamo.TestSupport;

/// <summary>
/// Hands a message to its receiver by reference when <c>serialize-messages = on</c> round-trips it. Bound only to
/// messages Akka keeps inside one actor system and that the JSON serializer it would fall back to cannot carry: the
/// wrapper in which an Akka.Persistence journal hands its replies (the persisted events, or the exception of a
/// failed write) to its own resequencer (in <see cref="TestConfig.Akka"/>), and the test journal's interceptors,
/// which carry live objects. The events themselves go through their serializers on their way into the journal, as
/// outside tests.
/// </summary>
public sealed class ByReferenceSerializer(ExtendedActorSystem system) : Serializer(system)
{
    private static readonly ConcurrentDictionary<long, object> InFlight = new();
    private static long _next;

    /// <inheritdoc />
    public override int Identifier => 198;

    /// <inheritdoc />
    public override bool IncludeManifest => false;

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        var id = Interlocked.Increment(ref _next);
        InFlight[id] = obj;
        return BitConverter.GetBytes(id);
    }

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, Type type) =>
        InFlight.TryRemove(BitConverter.ToInt64(bytes), out var obj) ? obj : throw new System.Runtime.Serialization.SerializationException("the message was read back already");
}
