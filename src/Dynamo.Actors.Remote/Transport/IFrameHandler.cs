using System.Buffers;

namespace Dynamo.Actors.Remote.Transport;

/// <summary>Receives what arrives on an <see cref="IAssociation"/>. Calls for one association never overlap.</summary>
public interface IFrameHandler
{
    /// <summary>
    /// One complete frame. The bytes are valid only during the call (they live in the transport's receive buffer);
    /// copy what must outlive it. Throwing <see cref="RemoteProtocolException"/> closes the association.
    /// </summary>
    void OnFrame(IAssociation association, ReadOnlySequence<byte> frame);

    /// <summary>The association closed, with the reason; called once, and after it no frame arrives.</summary>
    void OnDisassociated(IAssociation association, string reason);
}
