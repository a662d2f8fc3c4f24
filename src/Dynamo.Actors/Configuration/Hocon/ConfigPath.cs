using System.Text;

namespace Dynamo.Actors.Configuration.Hocon;

/// <summary>
/// Dotted paths (<c>dynamo.cluster."odd.key"</c>): splitting on dots outside quotes, and
/// rendering back with quotes only where a segment needs them.
/// </summary>
internal static class ConfigPath
{
    /// <summary>Splits a path; returns false with a reason when it is malformed.</summary>
    public static bool TryParse(string path, out IReadOnlyList<string> segments, out string error)
    {
        var result = new List<string>();
        var current = new StringBuilder();
        bool started = false;
        segments = result;
        error = "";
        string text = path.Trim();
        if (text.Length == 0)
        {
            error = "the path is empty";
            return false;
        }
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '.')
            {
                if (!started)
                {
                    error = "the path has an empty element (two dots, or a dot at the start or end)";
                    return false;
                }
                result.Add(current.ToString());
                current.Clear();
                started = false;
            }
            else if (c == '"')
            {
                int end = i + 1;
                while (end < text.Length && text[end] != '"')
                {
                    if (text[end] == '\\') end++;
                    end++;
                }
                if (end >= text.Length)
                {
                    error = "the path has an unterminated quoted element";
                    return false;
                }
                if (!HoconTokenizer.TryUnescape(text.AsSpan(i + 1, end - i - 1), out string part, out error)) return false;
                current.Append(part);
                started = true;
                i = end;
            }
            else
            {
                current.Append(c);
                started = true;
            }
        }
        if (!started)
        {
            error = "the path has an empty element (two dots, or a dot at the start or end)";
            return false;
        }
        result.Add(current.ToString());
        return true;
    }

    /// <summary>Splits a path given to a getter; a malformed path is the caller's bug, reported with the key.</summary>
    public static IReadOnlyList<string> Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!TryParse(path, out var segments, out string error))
            throw new ConfigurationException($"'{path}' is not a valid configuration path: {error}", path);
        return segments;
    }

    /// <summary>Renders segments as a path that <see cref="TryParse"/> reads back to the same segments.</summary>
    public static string Render(IEnumerable<string> segments) => string.Join('.', segments.Select(RenderSegment));

    /// <summary>Renders one key, quoting it unless it is plain letters, digits, '-' and '_'.</summary>
    public static string RenderSegment(string segment) =>
        segment.Length > 0 && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? segment
            : HoconRenderer.Quote(segment);

    /// <summary>Appends a path to a prefix rendered for messages (a sub-config's place in the whole).</summary>
    public static string Join(string prefix, string path) => prefix.Length == 0 ? path : $"{prefix}.{path}";
}
