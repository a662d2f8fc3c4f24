using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Dynamo.Actors.Remote.Transport.Tcp;

/// <summary>
/// One TCP connection carrying length-prefixed frames. A single writer loop drains the send queue into a
/// <see cref="PipeWriter"/> and flushes once per drained batch, so many small frames share one socket write;
/// a single reader loop cuts frames out of a <see cref="PipeReader"/> and hands them to the handler in order.
/// </summary>
internal sealed class TcpAssociation : IAssociation
{
    private static readonly TimeSpan GracefulCloseBound = TimeSpan.FromSeconds(2);

    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly Channel<ReadOnlyMemory<byte>> _queue;
    private readonly CancellationTokenSource _cts = new();
    private readonly RemoteSettings _settings;
    private readonly Action<RemoteLogEntry> _log;
    private readonly Action<TcpAssociation> _onClosed;
    private readonly Task _writer;
    private IFrameHandler? _handler;
    private int _queued;
    private long _flushes;
    private int _closed;
    private int _notified;
    private int _untracked;
    private string _closeReason = "";

    public TcpAssociation(Socket socket, Stream stream, Address local, Address remote, bool inbound,
        RemoteSettings settings, Action<RemoteLogEntry> log, Action<TcpAssociation> onClosed)
    {
        _socket = socket;
        _stream = stream;
        LocalAddress = local;
        RemoteAddress = remote;
        IsInbound = inbound;
        _settings = settings;
        _log = log;
        _onClosed = onClosed;
        _input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true));
        _output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024, leaveOpen: true));
        _queue = Channel.CreateUnbounded<ReadOnlyMemory<byte>>(new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });
        _writer = Task.Run(WriteLoopAsync);
    }

    public Address LocalAddress { get; }

    public Address RemoteAddress { get; }

    public bool IsInbound { get; }

    public bool IsOpen => Volatile.Read(ref _closed) == 0;

    /// <summary>How many times the writer flushed to the socket: far fewer than frames written when batching works.</summary>
    internal long Flushes => Interlocked.Read(ref _flushes);

    public void Start(IFrameHandler handler)
    {
        if (Interlocked.CompareExchange(ref _handler, handler, null) is not null)
            throw new InvalidOperationException("The association was already started.");
        if (!IsOpen) Notify();
        else _ = Task.Run(ReadLoopAsync);
    }

    public bool TryWrite(ReadOnlyMemory<byte> frame)
    {
        if (frame.IsEmpty || frame.Length > _settings.MaximumFrameSize)
            throw new ArgumentException($"Frame of {frame.Length} bytes is outside 1..{_settings.MaximumFrameSize}.", nameof(frame));
        if (!IsOpen) return false;
        if (Interlocked.Increment(ref _queued) > _settings.SendBufferLimit)
        {
            Interlocked.Decrement(ref _queued);
            return false;
        }
        if (_queue.Writer.TryWrite(frame)) return true;
        Interlocked.Decrement(ref _queued);
        return false;
    }

    public void Disassociate(string reason)
    {
        if (!MarkClosed(reason)) return;
        // Completing the queue lets the writer drain and flush what is already queued before the socket closes.
        _queue.Writer.TryComplete();
        _cts.CancelAfter(GracefulCloseBound);
        _ = _writer.ContinueWith(_ => ReleaseResources(), TaskScheduler.Default);
        Notify();
    }

    public void Abort(string reason)
    {
        if (!MarkClosed(reason)) return;
        _queue.Writer.TryComplete();
        ReleaseResources();
        Notify();
    }

    public override string ToString() => $"tcp {(IsInbound ? "inbound from" : "outbound to")} {RemoteAddress}";

    private bool MarkClosed(string reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1) return false;
        _closeReason = reason;
        return true;
    }

    private void Notify()
    {
        if (Interlocked.Exchange(ref _untracked, 1) == 0) _onClosed(this);
        var handler = Volatile.Read(ref _handler);
        if (handler is null || Interlocked.Exchange(ref _notified, 1) == 1) return;
        try
        {
            handler.OnDisassociated(this, _closeReason);
        }
        catch (Exception e)
        {
            _log(new RemoteLogEntry(RemoteLogLevel.Error, $"Disassociation handler of {this} failed.", e));
        }
    }

    private void ReleaseResources()
    {
        _cts.Cancel();
        try { _socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { } catch (ObjectDisposedException) { }
        _stream.Dispose();
        _socket.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var token = _cts.Token;
        try
        {
            while (await reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                int buffered = 0;
                int taken = 0;
                while (reader.TryRead(out var frame))
                {
                    Framing.WriteFrame(_output, frame.Span, _settings.MaximumFrameSize);
                    buffered += Framing.HeaderSize + frame.Length;
                    // The queue count is shared with every sending thread: settle it once per batch, not per frame,
                    // so the writer does not fight the senders for that cache line on each envelope.
                    if (++taken == 256)
                    {
                        Interlocked.Add(ref _queued, -taken);
                        taken = 0;
                    }
                    if (buffered >= _settings.WriteBatchBytes)
                    {
                        Interlocked.Add(ref _queued, -taken);
                        taken = 0;
                        Interlocked.Increment(ref _flushes);
                        if ((await _output.FlushAsync(token).ConfigureAwait(false)).IsCompleted) return;
                        buffered = 0;
                    }
                }
                Interlocked.Add(ref _queued, -taken);
                if (buffered == 0) continue;
                Interlocked.Increment(ref _flushes);
                if ((await _output.FlushAsync(token).ConfigureAwait(false)).IsCompleted) return;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            if (IsOpen) Abort($"write failed: {e.Message}");
        }
        catch (Exception e)
        {
            _log(new RemoteLogEntry(RemoteLogLevel.Error, $"Writer of {this} failed.", e));
            Abort($"writer failed: {e.Message}");
        }
    }

    private async Task ReadLoopAsync()
    {
        var token = _cts.Token;
        string reason = "connection closed by peer";
        try
        {
            while (true)
            {
                var result = await _input.ReadAsync(token).ConfigureAwait(false);
                var buffer = result.Buffer;
                try
                {
                    while (Framing.TryReadFrame(ref buffer, _settings.MaximumFrameSize, out var frame))
                    {
                        // A closed association delivers nothing more, even while a graceful close still flushes.
                        if (!IsOpen) return;
                        _handler!.OnFrame(this, frame);
                    }
                }
                finally
                {
                    if (IsOpen) _input.AdvanceTo(buffer.Start, buffer.End);
                }
                if (result.IsCompleted || result.IsCanceled) break;
            }
        }
        catch (RemoteProtocolException e)
        {
            reason = $"protocol violation: {e.Message}";
            _log(new RemoteLogEntry(RemoteLogLevel.Warning, $"Closing {this}: {reason}", e));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            reason = IsOpen ? $"read failed: {e.Message}" : reason;
        }
        catch (Exception e)
        {
            reason = $"frame handler failed: {e.Message}";
            _log(new RemoteLogEntry(RemoteLogLevel.Error, $"Closing {this}: {reason}", e));
        }
        Abort(reason);
    }
}
