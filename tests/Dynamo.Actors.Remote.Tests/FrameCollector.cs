using System.Buffers;
using System.Collections.Concurrent;
using Dynamo.Actors.Remote.Transport;

namespace Dynamo.Actors.Remote.Tests;

/// <summary>Records the frames and the disassociation of raw transport associations.</summary>
public sealed class FrameCollector : IFrameHandler
{
    public ConcurrentQueue<byte[]> Frames { get; } = new();

    public ConcurrentQueue<string> Disassociations { get; } = new();

    public void OnFrame(IAssociation association, ReadOnlySequence<byte> frame) => Frames.Enqueue(frame.ToArray());

    public void OnDisassociated(IAssociation association, string reason) => Disassociations.Enqueue(reason);
}
