using System.Buffers;
using Dynamo.Actors.Remote.Transport;

namespace Dynamo.Actors.Remote.FaultInjection;

/// <summary>An outbound association whose frames, both ways, pass through the faults set for its two systems.</summary>
internal sealed class FaultInjectingAssociation : IAssociation, IFrameHandler
{
    private readonly IAssociation _inner;
    private readonly NetworkFaults _faults;
    private readonly object _sendGate = new();
    private readonly CancellationTokenSource _closed = new();
    private readonly DelayLine<ReadOnlyMemory<byte>> _sendLine;
    private readonly DelayLine<byte[]> _receiveLine;
    private IFrameHandler? _handler;

    public FaultInjectingAssociation(IAssociation inner, Address local, Address remote, NetworkFaults faults, TimeProvider time)
    {
        _inner = inner;
        _faults = faults;
        LocalAddress = local;
        RemoteAddress = remote;
        _sendLine = new DelayLine<ReadOnlyMemory<byte>>(frame => _inner.TryWrite(frame), time, _closed.Token);
        _receiveLine = new DelayLine<byte[]>(Release, time, _closed.Token);
    }

    public Address LocalAddress { get; }

    public Address RemoteAddress { get; }

    public bool IsInbound => false;

    public bool IsOpen => _inner.IsOpen;

    public void Start(IFrameHandler handler)
    {
        _handler = handler;
        _inner.Start(this);
    }

    public bool TryWrite(ReadOnlyMemory<byte> frame)
    {
        var fault = _faults.For(LocalAddress, RemoteAddress);
        if (!_inner.IsOpen) return false;
        if (fault.Blackhole || _faults.ShouldDrop(fault.DropFraction)) return true;
        lock (_sendGate)
        {
            if (fault.Delay <= TimeSpan.Zero && _sendLine.IsEmpty) return _inner.TryWrite(frame);
            _sendLine.Enqueue(frame, fault.Delay);
            return true;
        }
    }

    public void Disassociate(string reason) => _inner.Disassociate(reason);

    public void Abort(string reason) => _inner.Abort(reason);

    public void OnFrame(IAssociation association, ReadOnlySequence<byte> frame)
    {
        var fault = _faults.For(RemoteAddress, LocalAddress);
        if (fault.Blackhole || _faults.ShouldDrop(fault.DropFraction)) return;
        if (fault.Delay <= TimeSpan.Zero && _receiveLine.IsEmpty)
        {
            _handler!.OnFrame(this, frame);
            return;
        }
        _receiveLine.Enqueue(frame.ToArray(), fault.Delay);
    }

    public void OnDisassociated(IAssociation association, string reason)
    {
        _closed.Cancel();
        _handler!.OnDisassociated(this, reason);
    }

    private void Release(byte[] frame)
    {
        if (!_inner.IsOpen) return;
        try
        {
            _handler!.OnFrame(this, new ReadOnlySequence<byte>(frame));
        }
        catch (Exception e)
        {
            _inner.Abort($"frame handler failed: {e.Message}");
        }
    }
}
