namespace Dynamo.Actors.Remote.Transport;

/// <summary>
/// One open, ordered, bidirectional stream of frames between two transports. Frames written are delivered
/// to the peer in write order or not at all (the stream breaks); there is no redelivery.
/// </summary>
public interface IAssociation
{
    /// <summary>The address of this side: the listening address when the transport listens.</summary>
    Address LocalAddress { get; }

    /// <summary>
    /// The peer: for an outbound association the address that was asked for; for an inbound one the transport-level
    /// address of the connecting socket, whose system name is empty until the association handshake names it.
    /// </summary>
    Address RemoteAddress { get; }

    /// <summary>True when the peer opened this association.</summary>
    bool IsInbound { get; }

    /// <summary>True until the association is closed by either side.</summary>
    bool IsOpen { get; }

    /// <summary>Begins delivering received frames to <paramref name="handler"/>; call exactly once.</summary>
    void Start(IFrameHandler handler);

    /// <summary>
    /// Queues one frame for sending. Returns false when the association is closed or its send buffer is full.
    /// The memory must not change afterwards: it may be written after this call returns.
    /// </summary>
    bool TryWrite(ReadOnlyMemory<byte> frame);

    /// <summary>Closes gracefully: frames already queued are flushed (within a short bound), then the connection ends.</summary>
    void Disassociate(string reason);

    /// <summary>Closes at once, discarding queued frames: for protocol violations and shutdown.</summary>
    void Abort(string reason);
}
