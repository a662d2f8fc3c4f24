using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Serialization;

namespace Dynamo.Kv.Tests;

/// <summary>
/// Hands a message to its receiver by reference when <c>serialize-messages = on</c> round-trips it: for the test
/// journal's control messages, which carry a live interceptor (a gate the test opens later, a predicate) that no
/// serializer can write, and for the journal's internal replies, which carry exceptions; none leaves the process.
/// </summary>
internal sealed class InProcessSerializer(ExtendedActorSystem system) : Serializer(system)
{
    private static readonly ConcurrentDictionary<long, object> InFlight = new();
    private static long _next;

    public override int Identifier => 199;

    public override bool IncludeManifest => false;

    public override byte[] ToBinary(object obj)
    {
        var id = Interlocked.Increment(ref _next);
        InFlight[id] = obj;
        return BitConverter.GetBytes(id);
    }

    public override object FromBinary(byte[] bytes, Type type) =>
        InFlight.TryRemove(BitConverter.ToInt64(bytes), out var obj) ? obj : throw new System.Runtime.Serialization.SerializationException("the message was read back already");
}
