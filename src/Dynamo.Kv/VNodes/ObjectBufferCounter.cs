using Akka.Actor;

namespace Dynamo.Kv.VNodes;

/// <summary>
/// A node's object buffer figures, shared by all its vnodes and read by its router for <c>/stats</c>.
/// An extension of the node's actor system (one system per node), so the vnodes find it without
/// every ring change having to pass it down; thread-safe.
/// </summary>
public sealed class ObjectBufferCounter : IExtension
{
    private long _bufferedAcks;
    private long _durableAcks;
    private long _failedAfterAck;
    private long _bufferReads;

    /// <summary>The counter of <paramref name="system"/>, created on first use.</summary>
    public static ObjectBufferCounter Of(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        // Apply registers the extension on first use; Get only looks up one already registered (null otherwise).
        return CounterId.Instance.Apply(system);
    }

    /// <summary>Counts a write acknowledged before it was durable.</summary>
    public void BufferedAck() => Interlocked.Increment(ref _bufferedAcks);

    /// <summary>Counts a write acknowledged once durable.</summary>
    public void DurableAck() => Interlocked.Increment(ref _durableAcks);

    /// <summary>Counts a buffered write whose storage write failed after it was acknowledged.</summary>
    public void FailedAfterAck() => Interlocked.Increment(ref _failedAfterAck);

    /// <summary>Counts a read answered from the buffer.</summary>
    public void BufferRead() => Interlocked.Increment(ref _bufferReads);

    /// <summary>The counts so far.</summary>
    public ObjectBufferStats Snapshot() => new(
        Interlocked.Read(ref _bufferedAcks), Interlocked.Read(ref _durableAcks), Interlocked.Read(ref _failedAfterAck), Interlocked.Read(ref _bufferReads));

    private sealed class CounterId : ExtensionIdProvider<ObjectBufferCounter>
    {
        public static readonly CounterId Instance = new();

        public override ObjectBufferCounter CreateExtension(ExtendedActorSystem system) => new();
    }
}
