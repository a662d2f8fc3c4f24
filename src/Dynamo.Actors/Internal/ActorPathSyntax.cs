using System.Globalization;

namespace Dynamo.Actors.Internal;

/// <summary>
/// Finds the parts of <c>protocol://system[@host:port]/elements[#uid]</c> without allocating, accepting exactly what
/// <see cref="ActorPath.TryParse"/> accepts: inbound envelopes name actors by such strings, and most of them can be
/// resolved from the parts alone, without building an <see cref="ActorPath"/>.
/// </summary>
internal static class ActorPathSyntax
{
    /// <summary>
    /// Splits <paramref name="text"/>: the address is <c>text[..addressLength]</c>, the elements (from their first
    /// '/', if any) are <c>text[addressLength..elementsEnd]</c>, and <paramref name="uid"/> is the <c>#uid</c> or
    /// <see cref="ActorPath.UndefinedUid"/>.
    /// </summary>
    public static bool TrySplit(ReadOnlySpan<char> text, out int addressLength, out int elementsEnd, out long uid)
    {
        addressLength = elementsEnd = 0;
        uid = ActorPath.UndefinedUid;
        int scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0) return false;
        int authorityStart = scheme + 3;
        int slash = text[authorityStart..].IndexOf('/');
        addressLength = slash < 0 ? text.Length : authorityStart + slash;
        if (!IsAuthority(text[authorityStart..addressLength])) return false;
        var rest = text[addressLength..];
        int hash = rest.IndexOf('#');
        elementsEnd = hash < 0 ? text.Length : addressLength + hash;
        return hash < 0 || long.TryParse(rest[(hash + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out uid);
    }

    /// <summary>The rules of <see cref="Address.TryParse"/> for what follows <c>://</c>: <c>system</c> or <c>system@host:port</c>.</summary>
    private static bool IsAuthority(ReadOnlySpan<char> authority)
    {
        int at = authority.IndexOf('@');
        if (at < 0) return authority.Length > 0;
        var hostPort = authority[(at + 1)..];
        int colon = hostPort.LastIndexOf(':');
        return at > 0 && colon > 0
            && int.TryParse(hostPort[(colon + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out int port) && port is >= 0 and <= 65535;
    }
}
