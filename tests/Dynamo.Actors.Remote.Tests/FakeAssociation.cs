using Dynamo.Actors.Remote.Transport;

namespace Dynamo.Actors.Remote.Tests;

/// <summary>An in-memory association that records what is written to it and how it was closed.</summary>
public sealed class FakeAssociation(Address local, Address remote, bool inbound) : IAssociation
{
    private IFrameHandler? _handler;

    public List<byte[]> Written { get; } = new();

    public string? CloseReason { get; private set; }

    public Address LocalAddress => local;

    public Address RemoteAddress => remote;

    public bool IsInbound => inbound;

    public bool IsOpen => CloseReason is null;

    public void Start(IFrameHandler handler) => _handler = handler;

    /// <summary>Hands one frame to the started handler, as a transport's reader would.</summary>
    public void Receive(byte[] frame) => _handler!.OnFrame(this, new System.Buffers.ReadOnlySequence<byte>(frame));

    public bool TryWrite(ReadOnlyMemory<byte> frame)
    {
        if (!IsOpen) return false;
        Written.Add(frame.ToArray());
        return true;
    }

    public void Disassociate(string reason) => Close(reason);

    public void Abort(string reason) => Close(reason);

    private void Close(string reason)
    {
        if (!IsOpen) return;
        CloseReason = reason;
        _handler?.OnDisassociated(this, reason);
    }
}
