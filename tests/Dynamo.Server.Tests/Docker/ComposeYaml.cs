namespace Dynamo.Server.Tests.Docker;

/// <summary>
/// A strict reader for the block-style YAML subset docker-compose.yml is written in: nested
/// mappings indented by two spaces, sequences of scalars (<c>- item</c>), plain, single- or
/// double-quoted scalars and whole-line comments. Anything else (tabs, flow collections outside
/// quotes, anchors, block scalars, trailing comments) is rejected, so the checks never read a
/// file differently from what Docker Compose would.
/// </summary>
internal static class ComposeYaml
{
    private sealed record Line(int Number, int Indent, string Text);

    /// <summary>Parses <paramref name="text"/> into dictionaries, lists and strings; a key without a value maps to an empty dictionary.</summary>
    public static Dictionary<string, object> Parse(string text)
    {
        var lines = new List<Line>();
        int number = 0;
        foreach (string raw in text.Split('\n'))
        {
            number++;
            string line = raw.TrimEnd('\r');
            if (line.Contains('\t')) throw Error(number, "tab characters are not supported");
            string trimmed = line.TrimStart(' ');
            if (trimmed.Length == 0 || trimmed.StartsWith('#')) continue;
            int indent = line.Length - trimmed.Length;
            if (indent % 2 != 0) throw Error(number, "indentation must be a multiple of two spaces");
            lines.Add(new Line(number, indent, trimmed.TrimEnd()));
        }
        int index = 0;
        var root = ParseMapping(lines, ref index, 0);
        if (index != lines.Count) throw Error(lines[index].Number, "unexpected indentation");
        return root;
    }

    private static Dictionary<string, object> ParseMapping(List<Line> lines, ref int index, int indent)
    {
        var mapping = new Dictionary<string, object>(StringComparer.Ordinal);
        while (index < lines.Count && lines[index].Indent == indent)
        {
            var line = lines[index];
            if (line.Text.StartsWith("- ", StringComparison.Ordinal)) throw Error(line.Number, "a sequence item where a mapping key was expected");
            int colon = line.Text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) throw Error(line.Number, "expected 'key:' or 'key: value'");
            string key = line.Text[..colon];
            if (!key.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.')) throw Error(line.Number, $"unsupported key '{key}'");
            string rest = line.Text[(colon + 1)..];
            if (rest.Length > 0 && rest[0] != ' ') throw Error(line.Number, "expected a space after ':'");
            index++;
            object value;
            if (rest.Trim().Length > 0)
                value = Scalar(rest.Trim(), line.Number);
            else if (index < lines.Count && lines[index].Indent > indent)
            {
                if (lines[index].Indent != indent + 2) throw Error(lines[index].Number, "nested block must be indented by two spaces");
                value = lines[index].Text.StartsWith("- ", StringComparison.Ordinal)
                    ? ParseSequence(lines, ref index, indent + 2)
                    : ParseMapping(lines, ref index, indent + 2);
            }
            else
                value = new Dictionary<string, object>(StringComparer.Ordinal);
            if (!mapping.TryAdd(key, value)) throw Error(line.Number, $"duplicate key '{key}'");
        }
        return mapping;
    }

    private static List<object> ParseSequence(List<Line> lines, ref int index, int indent)
    {
        var items = new List<object>();
        while (index < lines.Count && lines[index].Indent == indent && lines[index].Text.StartsWith("- ", StringComparison.Ordinal))
        {
            items.Add(Scalar(lines[index].Text[2..].Trim(), lines[index].Number));
            index++;
        }
        return items;
    }

    private static string Scalar(string text, int number)
    {
        if (text.StartsWith('"'))
        {
            if (text.Length < 2 || !text.EndsWith('"') || text[1..^1].Contains('"') || text.Contains('\\'))
                throw Error(number, "double-quoted scalar must close at the end of the line, without escapes");
            return text[1..^1];
        }
        if (text.StartsWith('\''))
        {
            if (text.Length < 2 || !text.EndsWith('\'')) throw Error(number, "single-quoted scalar must close at the end of the line");
            string inner = text[1..^1];
            if (inner.Replace("''", "", StringComparison.Ordinal).Contains('\'')) throw Error(number, "lone quote inside a single-quoted scalar");
            return inner.Replace("''", "'", StringComparison.Ordinal);
        }
        if (text.IndexOfAny(['[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`']) == 0 || text.Contains(" #", StringComparison.Ordinal) || text.Contains(": ", StringComparison.Ordinal))
            throw Error(number, $"unsupported plain scalar '{text}' (quote it)");
        return text;
    }

    private static FormatException Error(int line, string message) => new($"docker-compose.yml line {line}: {message}");
}
