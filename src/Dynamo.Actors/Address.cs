using System.Diagnostics.CodeAnalysis;

namespace Dynamo.Actors;

/// <summary>
/// Where an actor system lives: <c>dynamo://system</c> for a local-only system,
/// <c>dynamo.tcp://system@host:port</c> once it is reachable over the network.
/// Ordered by protocol, system, host, port so that "lowest address" (the cluster leader rule) is well defined.
/// </summary>
public sealed record Address(string Protocol, string System, string? Host = null, int? Port = null) : IComparable<Address>
{
    /// <summary>The protocol of a system that only has local actors.</summary>
    public const string LocalProtocol = "dynamo";

    /// <summary>The protocol of a system reachable over TCP.</summary>
    public const string TcpProtocol = "dynamo.tcp";

    /// <summary>True when the address names a host and port, i.e. is reachable from other systems.</summary>
    public bool HasGlobalScope => Host is not null && Port is not null;

    /// <inheritdoc />
    public override string ToString() =>
        HasGlobalScope ? $"{Protocol}://{System}@{Host}:{Port}" : $"{Protocol}://{System}";

    /// <inheritdoc />
    public int CompareTo(Address? other)
    {
        if (other is null) return 1;
        int c = string.CompareOrdinal(Protocol, other.Protocol);
        if (c != 0) return c;
        c = string.CompareOrdinal(System, other.System);
        if (c != 0) return c;
        c = string.CompareOrdinal(Host, other.Host);
        if (c != 0) return c;
        return Nullable.Compare(Port, other.Port);
    }

    /// <summary>Parses <c>protocol://system</c> or <c>protocol://system@host:port</c>.</summary>
    /// <exception cref="FormatException">The text is not an address.</exception>
    public static Address Parse(string text) =>
        TryParse(text, out var address) ? address : throw new FormatException($"'{text}' is not an actor system address (expected protocol://system@host:port).");

    /// <summary>Parses an address, returning false instead of throwing.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Address? address)
    {
        address = null;
        if (string.IsNullOrEmpty(text)) return false;
        int scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0) return false;
        string protocol = text[..scheme];
        string rest = text[(scheme + 3)..];
        int slash = rest.IndexOf('/');
        if (slash >= 0) rest = rest[..slash];
        int at = rest.IndexOf('@');
        if (at < 0)
        {
            if (rest.Length == 0) return false;
            address = new Address(protocol, rest);
            return true;
        }
        string system = rest[..at];
        string hostPort = rest[(at + 1)..];
        int colon = hostPort.LastIndexOf(':');
        if (system.Length == 0 || colon <= 0) return false;
        string host = hostPort[..colon].Trim('[', ']');
        if (!int.TryParse(hostPort[(colon + 1)..], out int port) || port is < 0 or > 65535) return false;
        address = new Address(protocol, system, host, port);
        return true;
    }
}
