using System.Security.Cryptography.X509Certificates;
using Dynamo.Actors.Configuration;

namespace Dynamo.Actors.Remote;

/// <summary>
/// Settings of the remoting layer (HOCON section <c>dynamo.remote</c>). Defaults follow Akka.Remote where it has one.
/// </summary>
public sealed record RemoteSettings
{
    /// <summary>Host name or IP address to listen on and to advertise in this system's address.</summary>
    public string Hostname { get; init; } = "127.0.0.1";

    /// <summary>TCP port to listen on; 0 picks an ephemeral port, which is then reported in the bound address.</summary>
    public int Port { get; init; }

    /// <summary>Largest frame payload accepted or sent, in bytes; a larger length prefix closes the connection.</summary>
    public int MaximumFrameSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>Most frames queued for one association before sends are refused (back-pressure towards the sender).</summary>
    public int SendBufferLimit { get; init; } = 256 * 1024;

    /// <summary>Bytes buffered in a writer before it flushes mid-batch, bounding memory per association.</summary>
    public int WriteBatchBytes { get; init; } = 256 * 1024;

    /// <summary>Kernel socket send buffer size in bytes.</summary>
    public int SocketSendBufferSize { get; init; } = 256 * 1024;

    /// <summary>Kernel socket receive buffer size in bytes.</summary>
    public int SocketReceiveBufferSize { get; init; } = 256 * 1024;

    /// <summary>Time allowed for connecting, TLS and the association handshake together.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>First delay before retrying a failed association; doubled after every further failure.</summary>
    public TimeSpan BackoffMin { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Upper bound of the reconnect delay.</summary>
    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often an idle association sends a heartbeat frame.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>An association that has received nothing for this long is closed as dead.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How often the remote watcher probes each system whose actors are watched from here.</summary>
    public TimeSpan WatchHeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Silence from a watched system, on top of one probe interval, after which its watchees count as terminated and it is quarantined.</summary>
    public TimeSpan WatchAcceptableHeartbeatPause { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Shared secret every node of the cluster proves it knows; never sent on the wire. Empty means no secret.</summary>
    public string Cookie { get; init; } = "";

    /// <summary>TLS with mutual certificate checks; null keeps plain TCP.</summary>
    public TlsSettings? Tls { get; init; }

    /// <summary>Reads <c>dynamo.remote</c> from a configuration that has the reference configuration as fallback.</summary>
    /// <exception cref="ConfigurationException">A value has the wrong type or is out of range, or a TLS file cannot be read.</exception>
    public static RemoteSettings FromConfig(Config config)
    {
        var c = config.GetConfig("dynamo.remote");
        var settings = new RemoteSettings
        {
            Hostname = c.GetString("hostname"),
            Port = c.GetInt("port"),
            MaximumFrameSize = checked((int)c.GetByteSize("maximum-frame-size")),
            SendBufferLimit = c.GetInt("send-buffer-limit"),
            WriteBatchBytes = checked((int)c.GetByteSize("write-batch-bytes")),
            SocketSendBufferSize = checked((int)c.GetByteSize("socket-send-buffer-size")),
            SocketReceiveBufferSize = checked((int)c.GetByteSize("socket-receive-buffer-size")),
            HandshakeTimeout = c.GetTimeSpan("handshake-timeout"),
            BackoffMin = c.GetTimeSpan("backoff-min"),
            BackoffMax = c.GetTimeSpan("backoff-max"),
            HeartbeatInterval = c.GetTimeSpan("heartbeat-interval"),
            IdleTimeout = c.GetTimeSpan("idle-timeout"),
            Cookie = c.GetString("cookie"),
            WatchHeartbeatInterval = c.GetTimeSpan("watch-failure-detector.heartbeat-interval", TimeSpan.FromSeconds(1)),
            WatchAcceptableHeartbeatPause = c.GetTimeSpan("watch-failure-detector.acceptable-heartbeat-pause", TimeSpan.FromSeconds(10)),
            Tls = c.GetBoolean("tls.enabled") ? LoadTls(c.GetConfig("tls")) : null,
        };
        try
        {
            return settings.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ConfigurationException(e.Message);
        }
    }

    private static TlsSettings LoadTls(Config tls)
    {
        string certificatePath = tls.GetString("certificate-path");
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(certificatePath, tls.GetString("certificate-password"));
            var trusted = new X509Certificate2Collection();
            foreach (var path in tls.GetStringList("trusted-certificates"))
                trusted.Add(X509CertificateLoader.LoadCertificateFromFile(path));
            if (trusted.Count == 0) trusted.Add(certificate);
            return new TlsSettings(certificate, trusted);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new ConfigurationException($"dynamo.remote.tls: cannot load certificates ({certificatePath}): {e.Message}", "dynamo.remote.tls");
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is out of range.</summary>
    public RemoteSettings Validate()
    {
        if (string.IsNullOrWhiteSpace(Hostname)) throw new ArgumentException("dynamo.remote.hostname must not be empty.");
        if (Port is < 0 or > 65535) throw new ArgumentException($"dynamo.remote.port must be 0..65535, was {Port}.");
        if (MaximumFrameSize < 64) throw new ArgumentException($"dynamo.remote.maximum-frame-size must be at least 64 bytes, was {MaximumFrameSize}.");
        if (SendBufferLimit < 1) throw new ArgumentException($"dynamo.remote.send-buffer-limit must be positive, was {SendBufferLimit}.");
        if (WriteBatchBytes < 1024) throw new ArgumentException($"dynamo.remote.write-batch-bytes must be at least 1024, was {WriteBatchBytes}.");
        if (HandshakeTimeout <= TimeSpan.Zero) throw new ArgumentException("dynamo.remote.handshake-timeout must be positive.");
        if (BackoffMin <= TimeSpan.Zero || BackoffMax < BackoffMin) throw new ArgumentException("dynamo.remote.backoff-min must be positive and no larger than backoff-max.");
        if (HeartbeatInterval <= TimeSpan.Zero || IdleTimeout <= HeartbeatInterval) throw new ArgumentException("dynamo.remote.idle-timeout must exceed a positive heartbeat-interval.");
        if (WatchHeartbeatInterval <= TimeSpan.Zero || WatchAcceptableHeartbeatPause <= TimeSpan.Zero)
            throw new ArgumentException("dynamo.remote.watch-failure-detector.heartbeat-interval and acceptable-heartbeat-pause must be positive.");
        return this;
    }
}
