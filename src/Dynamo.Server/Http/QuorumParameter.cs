using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Dynamo.Server.Http;

/// <summary>The <c>r</c> and <c>w</c> query parameters: absent, or a positive integer the router checks against the bucket's n.</summary>
public static class QuorumParameter
{
    /// <summary>Reads query parameter <paramref name="name"/>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="name"><c>r</c> or <c>w</c>.</param>
    /// <param name="value">The quorum asked for; null when absent.</param>
    /// <param name="error">The 400 answer when the parameter is not a positive integer.</param>
    public static bool TryRead(HttpRequest request, string name, out uint? value, out IResult? error)
    {
        ArgumentNullException.ThrowIfNull(request);
        value = null;
        error = null;
        if (!request.Query.TryGetValue(name, out var texts))
        {
            return true;
        }
        if (texts.Count != 1 || !uint.TryParse(texts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed == 0)
        {
            error = ApiError.BadRequest($"query parameter {name} must be one positive integer, but was '{texts}'");
            return false;
        }
        value = parsed;
        return true;
    }
}
