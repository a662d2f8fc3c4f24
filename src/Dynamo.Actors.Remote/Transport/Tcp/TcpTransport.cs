using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Dynamo.Actors.Remote.Transport.Tcp;

/// <summary>
/// <see cref="ITransport"/> over TCP sockets and System.IO.Pipelines: 4-byte big-endian length-prefixed frames,
/// batched writes, optional TLS with mutual certificate checks (<see cref="RemoteSettings.Tls"/>).
/// A client that fails TLS, or breaks framing, loses only its own connection; the listener keeps serving.
/// </summary>
public sealed class TcpTransport : ITransport
{
    private readonly RemoteSettings _settings;
    private readonly Action<RemoteLogEntry> _log;
    private readonly TlsAuthenticator? _tls;
    private readonly ConcurrentDictionary<TcpAssociation, byte> _associations = new();
    private readonly CancellationTokenSource _shutdown = new();
    private Socket? _listener;
    private Address? _localAddress;

    /// <summary>Creates a transport; nothing is opened until <see cref="ListenAsync"/> or <see cref="AssociateAsync"/>.</summary>
    /// <param name="settings">Frame size, buffers, timeouts and TLS.</param>
    /// <param name="log">Receives what this transport has to report; null discards it.</param>
    public TcpTransport(RemoteSettings settings, Action<RemoteLogEntry>? log = null)
    {
        _settings = settings.Validate();
        _log = log ?? (_ => { });
        _tls = settings.Tls is null ? null : new TlsAuthenticator(settings.Tls);
    }

    /// <inheritdoc />
    public async Task<Address> ListenAsync(Address localAddress, Action<IAssociation> onInbound, CancellationToken cancellationToken = default)
    {
        if (_listener is not null) throw new InvalidOperationException($"Already listening on {_localAddress}.");
        if (localAddress.Host is null || localAddress.Port is null)
            throw new ArgumentException($"Cannot listen on '{localAddress}': it names no host and port.", nameof(localAddress));
        var ip = await ResolveAsync(localAddress.Host, cancellationToken).ConfigureAwait(false);
        var listener = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // Lets a restarted node bind its old port while connections of its previous incarnation linger in TIME_WAIT.
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(new IPEndPoint(ip, localAddress.Port.Value));
            listener.Listen(512);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        _listener = listener;
        var bound = (IPEndPoint)listener.LocalEndPoint!;
        _localAddress = localAddress with { Port = bound.Port };
        _log(new RemoteLogEntry(RemoteLogLevel.Info, $"Listening on {_localAddress}{(_tls is null ? "" : " with TLS")}."));
        _ = Task.Run(() => AcceptLoopAsync(listener, onInbound));
        return _localAddress;
    }

    /// <inheritdoc />
    public async Task<IAssociation> AssociateAsync(Address remoteAddress, CancellationToken cancellationToken = default)
    {
        if (remoteAddress.Host is null || remoteAddress.Port is null)
            throw new ArgumentException($"Cannot associate with '{remoteAddress}': it names no host and port.", nameof(remoteAddress));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
        timeout.CancelAfter(_settings.HandshakeTimeout);
        var ip = await ResolveAsync(remoteAddress.Host, timeout.Token).ConfigureAwait(false);
        var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        Stream? stream = null;
        try
        {
            Configure(socket);
            await socket.ConnectAsync(new IPEndPoint(ip, remoteAddress.Port.Value), timeout.Token).ConfigureAwait(false);
            stream = new NetworkStream(socket, ownsSocket: false);
            if (_tls is not null)
                stream = await _tls.AuthenticateAsClientAsync(stream, remoteAddress.Host, timeout.Token).ConfigureAwait(false);
            var local = _localAddress ?? SocketAddress(remoteAddress.Protocol, (IPEndPoint)socket.LocalEndPoint!);
            return Track(new TcpAssociation(socket, stream, local, remoteAddress, inbound: false, _settings, _log, Untrack));
        }
        catch
        {
            stream?.Dispose();
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Stops listening and aborts every association of this transport.</summary>
    public ValueTask DisposeAsync()
    {
        _shutdown.Cancel();
        _listener?.Dispose();
        foreach (var association in _associations.Keys) association.Abort("transport shut down");
        return ValueTask.CompletedTask;
    }

    private async Task AcceptLoopAsync(Socket listener, Action<IAssociation> onInbound)
    {
        while (!_shutdown.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(_shutdown.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                _log(new RemoteLogEntry(RemoteLogLevel.Warning, $"Accept on {_localAddress} failed; still listening.", e));
                continue;
            }
            _ = Task.Run(() => AcceptOneAsync(socket, onInbound));
        }
    }

    private async Task AcceptOneAsync(Socket socket, Action<IAssociation> onInbound)
    {
        var peer = SocketAddress(_localAddress!.Protocol, (IPEndPoint)socket.RemoteEndPoint!);
        Stream? stream = null;
        try
        {
            Configure(socket);
            stream = new NetworkStream(socket, ownsSocket: false);
            if (_tls is not null)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token);
                timeout.CancelAfter(_settings.HandshakeTimeout);
                stream = await _tls.AuthenticateAsServerAsync(stream, timeout.Token).ConfigureAwait(false);
            }
            onInbound(Track(new TcpAssociation(socket, stream, _localAddress, peer, inbound: true, _settings, _log, Untrack)));
        }
        catch (Exception e)
        {
            _log(new RemoteLogEntry(RemoteLogLevel.Warning, $"Refused connection from {peer}: {e.Message}", e));
            stream?.Dispose();
            socket.Dispose();
        }
    }

    private TcpAssociation Track(TcpAssociation association)
    {
        _associations[association] = 0;
        if (_shutdown.IsCancellationRequested) association.Abort("transport shut down");
        return association;
    }

    private void Untrack(TcpAssociation association) => _associations.TryRemove(association, out _);

    private void Configure(Socket socket)
    {
        // Batching happens in the writer loop; Nagle would only add latency on top of it.
        socket.NoDelay = true;
        socket.SendBufferSize = _settings.SocketSendBufferSize;
        socket.ReceiveBufferSize = _settings.SocketReceiveBufferSize;
    }

    private static Address SocketAddress(string protocol, IPEndPoint endPoint) =>
        new(protocol, "", endPoint.Address.ToString(), endPoint.Port);

    private static async Task<IPAddress> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var ip)) return ip;
        var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new SocketException((int)SocketError.HostNotFound);
    }
}
