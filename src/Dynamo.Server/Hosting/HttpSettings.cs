using Akka.Configuration;
using Dynamo.Configuration;

namespace Dynamo.Server.Hosting;

/// <summary>
/// Settings of the HTTP API, bound from <c>dynamo.http</c> (and <c>dynamo.kv.max-value-size</c>,
/// the largest value a PUT may carry). The defaults are those of <c>hocon/reference.conf</c>.
/// </summary>
public sealed record HttpSettings
{
    private const string Section = "dynamo.http";

    /// <summary>Host name or IP address to listen on.</summary>
    public string Hostname { get; init; } = "127.0.0.1";

    /// <summary>TCP port to listen on; 0 picks a free port.</summary>
    public int Port { get; init; } = 8098;

    /// <summary>Largest value a PUT may carry, in bytes.</summary>
    public long MaxValueSize { get; init; } = 1024 * 1024;

    /// <summary>Largest JSON body (bucket properties, operator calls), in bytes.</summary>
    public long MaxJsonBodySize { get; init; } = 64 * 1024;

    /// <summary>How long a request waits for the router's answer before it is answered 503.</summary>
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a stopping node lets in-flight requests finish.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Reads <c>dynamo.http</c> from a configuration that has the reference configuration as fallback.</summary>
    /// <exception cref="ConfigurationException">A value has the wrong type or is out of range; the message names the key.</exception>
    public static HttpSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var c = config.GetConfig("dynamo.http");
        var settings = new HttpSettings
        {
            Hostname = c.ReadString(Section, "hostname"),
            Port = c.ReadInt(Section, "port"),
            MaxValueSize = config.GetConfig("dynamo.kv").ReadByteSize("dynamo.kv", "max-value-size"),
            MaxJsonBodySize = c.ReadByteSize(Section, "max-request-body-size"),
            ReplyTimeout = c.ReadTimeSpan(Section, "reply-timeout"),
            ShutdownTimeout = c.ReadTimeSpan(Section, "shutdown-timeout"),
        };
        if (string.IsNullOrWhiteSpace(settings.Hostname)) throw Invalid("hostname", "must not be empty");
        if (settings.Port is < 0 or > 65535) throw Invalid("port", $"must be between 0 and 65535, but was {settings.Port}");
        if (settings.MaxJsonBodySize < 1) throw Invalid("max-request-body-size", "must be at least 1 byte");
        if (settings.ReplyTimeout <= TimeSpan.Zero) throw Invalid("reply-timeout", "must be positive");
        if (settings.ShutdownTimeout < TimeSpan.Zero) throw Invalid("shutdown-timeout", "must not be negative");
        return settings;
    }

    private static ConfigurationException Invalid(string key, string problem) =>
        ConfigErrors.InvalidValue(Section, key, problem);
}
