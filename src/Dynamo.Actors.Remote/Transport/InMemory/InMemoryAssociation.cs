using System.Buffers;
using System.Threading.Channels;

namespace Dynamo.Actors.Remote.Transport.InMemory;

/// <summary>
/// One end of an in-memory connection. Writes go into the peer's queue; each end pumps its queue into its handler
/// in order. A graceful close lets the peer drain what was written before it; an abort discards it.
/// </summary>
internal sealed class InMemoryAssociation : IAssociation
{
    private readonly Channel<ReadOnlyMemory<byte>> _inbox = Channel.CreateUnbounded<ReadOnlyMemory<byte>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _aborted = new();
    private InMemoryAssociation _peer = null!;
    private IFrameHandler? _handler;
    private string _reason = "connection closed by peer";
    private int _closed;
    private int _notified;

    private InMemoryAssociation(Address local, Address remote, bool inbound)
    {
        LocalAddress = local;
        RemoteAddress = remote;
        IsInbound = inbound;
    }

    public Address LocalAddress { get; }

    public Address RemoteAddress { get; }

    public bool IsInbound { get; }

    public bool IsOpen => Volatile.Read(ref _closed) == 0;

    public static (InMemoryAssociation Outbound, InMemoryAssociation Inbound) CreatePair(Address client, Address server, Address clientSide)
    {
        var outbound = new InMemoryAssociation(client, server, inbound: false);
        var inbound = new InMemoryAssociation(server, clientSide, inbound: true);
        outbound._peer = inbound;
        inbound._peer = outbound;
        return (outbound, inbound);
    }

    public void Start(IFrameHandler handler)
    {
        if (Interlocked.CompareExchange(ref _handler, handler, null) is not null)
            throw new InvalidOperationException("The association was already started.");
        _ = Task.Run(PumpAsync);
    }

    public bool TryWrite(ReadOnlyMemory<byte> frame) => IsOpen && _peer._inbox.Writer.TryWrite(frame);

    public void Disassociate(string reason) => Close(reason, graceful: true);

    public void Abort(string reason) => Close(reason, graceful: false);

    private void Close(string reason, bool graceful)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1) return;
        _reason = reason;
        _inbox.Writer.TryComplete();
        _aborted.Cancel();
        if (graceful) _peer._inbox.Writer.TryComplete();
        else _peer.PeerAborted();
        Notify();
    }

    private void PeerAborted()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1) return;
        _inbox.Writer.TryComplete();
        _aborted.Cancel();
        Notify();
    }

    private void Notify()
    {
        var handler = Volatile.Read(ref _handler);
        if (handler is null || Interlocked.Exchange(ref _notified, 1) == 1) return;
        handler.OnDisassociated(this, _reason);
    }

    private async Task PumpAsync()
    {
        try
        {
            while (await _inbox.Reader.WaitToReadAsync(_aborted.Token).ConfigureAwait(false))
                while (IsOpen && _inbox.Reader.TryRead(out var frame))
                    _handler!.OnFrame(this, new ReadOnlySequence<byte>(frame));
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            Close(e is RemoteProtocolException ? $"protocol violation: {e.Message}" : $"frame handler failed: {e.Message}", graceful: false);
            return;
        }
        // Reached when the peer closed gracefully and everything it wrote before has been delivered, or when aborted.
        Interlocked.Exchange(ref _closed, 1);
        Notify();
    }
}
