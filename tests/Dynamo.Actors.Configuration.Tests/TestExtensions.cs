using System.Globalization;
using System.Text;
using Dynamo.Actors.Configuration;

namespace Dynamo.Actors.Configuration.Tests;

/// <summary>Helpers shared by the configuration tests.</summary>
internal static class TestExtensions
{
    /// <summary>Forces substitution resolution, which otherwise waits for the first read.</summary>
    public static Config EnsureResolvedForTest(this Config config) => config.EnsureResolved();

    /// <summary>Quotes every element of a path, so tests can address keys holding any character.</summary>
    public static string QuotedPath(IEnumerable<string> segments) =>
        string.Join('.', segments.Select(Quote));

    private static string Quote(string segment)
    {
        var sb = new StringBuilder("\"");
        foreach (char c in segment)
        {
            if (c is '"' or '\\') sb.Append('\\').Append(c);
            else if (char.IsControl(c)) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.Append('"').ToString();
    }
}
