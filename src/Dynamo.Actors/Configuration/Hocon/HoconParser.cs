using System.Text;

namespace Dynamo.Actors.Configuration.Hocon;

/// <summary>
/// Recursive-descent parser from tokens to an unresolved <see cref="HoconObject"/>. Every error
/// names the origin, line and column, what was expected, and the key being defined.
/// </summary>
internal sealed class HoconParser
{
    // Deep enough for any sane layout, shallow enough to stop include cycles that differ only in spelling.
    private const int MaxIncludeDepth = 16;

    private readonly HoconSource _source;
    private readonly IReadOnlyList<string> _includeChain;
    private readonly List<HoconToken> _tokens;
    private int _pos;

    private HoconParser(HoconSource source, IReadOnlyList<string> includeChain)
    {
        _source = source;
        _includeChain = includeChain;
        _tokens = HoconTokenizer.Tokenize(source.Text, source.OriginName);
    }

    /// <summary>Parses a whole document; the root braces are optional.</summary>
    public static HoconObject Parse(HoconSource source) => new HoconParser(source, [source.OriginName ?? ""]).ParseDocument();

    /// <summary>Parses text holding one value for the key <paramref name="path"/> (an environment variable holding a list or object).</summary>
    public static HoconValue ParseSingleValue(HoconSource source, IReadOnlyList<string> path)
    {
        var parser = new HoconParser(source, [source.OriginName ?? ""]);
        parser.SkipBlank();
        var value = parser.ParseValue(path);
        parser.SkipBlank();
        var end = parser.Peek();
        if (end.Kind != HoconTokenKind.EndOfInput)
            throw parser.Error(end, $"expected end of input after the value but found {end.Describe()}");
        return value;
    }

    private HoconObject ParseDocument()
    {
        SkipBlank();
        var first = Peek();
        HoconObject root;
        if (first.Kind == HoconTokenKind.OpenBrace)
        {
            Next();
            root = ParseObjectBody([], first);
            SkipBlank();
            var end = Peek();
            if (end.Kind != HoconTokenKind.EndOfInput)
                throw Error(end, $"expected end of input after the closing '}}' of the root object but found {end.Describe()}");
        }
        else if (first.Kind == HoconTokenKind.OpenBracket)
        {
            throw Error(first, "the root of a configuration must be an object, not a list");
        }
        else
        {
            root = ParseObjectBody([], null);
        }
        return root;
    }

    /// <summary>Parses fields until '}' (when <paramref name="open"/> is the brace that opened it) or end of input.</summary>
    private HoconObject ParseObjectBody(IReadOnlyList<string> path, HoconToken? open)
    {
        var builder = new HoconObjectBuilder();
        var origin = open is { } o ? Origin(o) : new ConfigOrigin(_source.OriginName, 1, 1);
        while (true)
        {
            SkipBlank();
            var t = Peek();
            if (t.Kind == HoconTokenKind.CloseBrace)
            {
                if (open is null) throw Error(t, "unexpected '}' with no '{' to close");
                Next();
                return builder.Build(origin);
            }
            if (t.Kind == HoconTokenKind.EndOfInput)
            {
                if (open is { } start)
                {
                    throw Error(t, $"expected '}}' to close the object opened at line {start.Line}, column {start.Column}"
                        + (path.Count > 0 ? $" (value of '{ConfigPath.Render(path)}')" : ""), Key(path));
                }
                return builder.Build(origin);
            }

            string? lastKey;
            if (IsInclude()) lastKey = ParseInclude(builder, path);
            else lastKey = ParseField(builder, path);

            SkipWhitespace();
            t = Peek();
            if (t.Kind == HoconTokenKind.Comma) Next();
            else if (t.Kind is not (HoconTokenKind.NewLine or HoconTokenKind.CloseBrace or HoconTokenKind.EndOfInput))
            {
                throw Error(t, $"expected ',' or a new line after {(lastKey is null ? "the include" : $"the value of '{lastKey}'")} but found {t.Describe()}", lastKey);
            }
        }
    }

    /// <summary>Parses <c>key = value</c>, <c>key : value</c>, <c>key += value</c> or <c>key { ... }</c>.</summary>
    private string ParseField(HoconObjectBuilder builder, IReadOnlyList<string> path)
    {
        var keyToken = Peek();
        int keyStart = _pos;
        var segments = ParseKey(path, stopAtWhitespace: false);
        IReadOnlyList<string> fullPath = [.. path, .. segments];
        string key = ConfigPath.Render(fullPath);
        SkipWhitespace();
        var t = Peek();
        HoconValue value;
        switch (t.Kind)
        {
            case HoconTokenKind.Equals or HoconTokenKind.Colon:
                Next();
                SkipBlank();
                value = ParseValue(fullPath);
                break;
            case HoconTokenKind.PlusEquals:
                Next();
                SkipBlank();
                // "a += b" is defined by the spec as "a = ${?a} [b]".
                var appended = ParseValue(fullPath);
                value = new HoconConcatenation(
                    [new HoconSubstitution(fullPath, optional: true, environmentName: null, Origin(t)), new HoconArray([appended], appended.Origin)],
                    Origin(t));
                break;
            case HoconTokenKind.OpenBrace:
                value = ParseValue(fullPath);
                break;
            default:
                if (_tokens.Skip(keyStart).Take(_pos - keyStart).Any(k => k.Kind == HoconTokenKind.Whitespace))
                {
                    // "seed-nodes 5" is more likely a missing '=' than a key with a space in it.
                    _pos = keyStart;
                    IReadOnlyList<string> firstPiece = [.. path, .. ParseKey(path, stopAtWhitespace: true)];
                    key = ConfigPath.Render(firstPiece);
                    SkipWhitespace();
                    t = Peek();
                }
                throw Error(t, $"expected '=' or ':' after key '{key}' but found {t.Describe()}", key);
        }

        for (int i = segments.Count - 1; i >= 1; i--)
            value = new HoconObject([new(segments[i], value)], Origin(keyToken));
        builder.Add(segments[0], value);
        return key;
    }

    /// <summary>Reads a key: unquoted and quoted pieces, split on dots outside quotes.</summary>
    private IReadOnlyList<string> ParseKey(IReadOnlyList<string> path, bool stopAtWhitespace)
    {
        var first = Peek();
        if (first.Kind is not (HoconTokenKind.Unquoted or HoconTokenKind.Quoted))
        {
            string where = path.Count > 0 ? $" in the object '{ConfigPath.Render(path)}'" : "";
            string hint = first.Kind is HoconTokenKind.Substitution or HoconTokenKind.OptionalSubstitution
                ? " (substitutions are not allowed in keys)"
                : "";
            throw Error(first, $"expected a key{where} but found {first.Describe()}{hint}", Key(path));
        }

        var segments = new List<string>();
        var current = new StringBuilder();
        bool started = false;
        while (true)
        {
            var t = Peek();
            if (t.Kind == HoconTokenKind.Quoted)
            {
                Next();
                current.Append(t.Text);
                started = true;
            }
            else if (t.Kind == HoconTokenKind.Unquoted)
            {
                Next();
                foreach (char c in t.Text)
                {
                    if (c != '.')
                    {
                        current.Append(c);
                        started = true;
                        continue;
                    }
                    if (!started) throw Error(first, $"key '{KeyText(first)}' has an empty element (two dots, or a dot at the start or end)", Key(path));
                    segments.Add(current.ToString());
                    current.Clear();
                    started = false;
                }
            }
            else if (!stopAtWhitespace && t.Kind == HoconTokenKind.Whitespace && Peek(1).Kind is HoconTokenKind.Unquoted or HoconTokenKind.Quoted)
            {
                // The spec keeps whitespace inside a key written in pieces ("a b" = 1 has key "a b").
                Next();
                current.Append(t.Text);
            }
            else break;
        }
        if (!started) throw Error(first, $"key '{KeyText(first)}' has an empty element (two dots, or a dot at the start or end)", Key(path));
        segments.Add(current.ToString());
        return segments;
    }

    /// <summary>Parses one value: a concatenation of everything up to the end of the line, ',' or a closing bracket.</summary>
    private HoconValue ParseValue(IReadOnlyList<string> path)
    {
        var parts = new List<HoconValue>();
        HoconToken? pendingSpace = null;
        var start = Peek();
        // Rendered only for messages: most values never need it.
        string KeyName() => ConfigPath.Render(path);
        while (true)
        {
            var t = Peek();
            if (t.Kind == HoconTokenKind.Whitespace)
            {
                Next();
                if (parts.Count > 0) pendingSpace = t;
                continue;
            }
            if (t.Kind is HoconTokenKind.NewLine or HoconTokenKind.Comma or HoconTokenKind.CloseBrace
                or HoconTokenKind.CloseBracket or HoconTokenKind.EndOfInput)
            {
                break;
            }
            if (t.Kind is HoconTokenKind.Equals or HoconTokenKind.Colon or HoconTokenKind.PlusEquals)
            {
                throw Error(t, $"unexpected {t.Describe()} in the value of '{KeyName()}' (put the value in double quotes if it contains {t.Describe()})", Key(path));
            }
            if (pendingSpace is { } space)
            {
                parts.Add(new HoconScalar(space.Text, Origin(space), isSeparator: true));
                pendingSpace = null;
            }
            Next();
            parts.Add(t.Kind switch
            {
                HoconTokenKind.Unquoted => new HoconScalar(t.Text == "null" ? null : t.Text, Origin(t)),
                HoconTokenKind.Quoted => new HoconScalar(t.Text, Origin(t)),
                HoconTokenKind.Substitution or HoconTokenKind.OptionalSubstitution => ParseSubstitution(t, path),
                HoconTokenKind.OpenBrace => ParseObjectBody(path, t),
                HoconTokenKind.OpenBracket => ParseArray(path, t),
                _ => throw Error(t, $"unexpected {t.Describe()} in the value of '{KeyName()}'", Key(path)),
            });
        }
        if (parts.Count == 0)
        {
            var t = Peek();
            throw Error(t, $"expected a value for '{KeyName()}' but found {t.Describe()}", Key(path));
        }
        if (parts.Count == 1) return parts[0];
        var origin = Origin(start);
        return parts.All(p => p.IsResolved)
            ? HoconConcatenation.Join(parts, origin, KeyName())!
            : new HoconConcatenation(parts, origin);
    }

    private HoconSubstitution ParseSubstitution(HoconToken t, IReadOnlyList<string> path)
    {
        if (!ConfigPath.TryParse(t.Text, out var target, out string error))
            throw Error(t, $"bad substitution {t.Describe()} in the value of '{ConfigPath.Render(path)}': {error}", Key(path));
        return new HoconSubstitution(target, t.Kind == HoconTokenKind.OptionalSubstitution, t.Text.Trim(), Origin(t));
    }

    private HoconArray ParseArray(IReadOnlyList<string> path, HoconToken open)
    {
        var items = new List<HoconValue>();
        string KeyName() => ConfigPath.Render(path);
        while (true)
        {
            SkipBlank();
            var t = Peek();
            if (t.Kind == HoconTokenKind.CloseBracket)
            {
                Next();
                return new HoconArray(items, Origin(open));
            }
            if (t.Kind == HoconTokenKind.EndOfInput)
                throw Error(t, $"expected ']' to close the list of '{KeyName()}' opened at line {open.Line}, column {open.Column}", Key(path));
            if (t.Kind == HoconTokenKind.Comma)
                throw Error(t, $"expected a list element of '{KeyName()}' but found ','", Key(path));

            items.Add(ParseValue(path));
            SkipWhitespace();
            t = Peek();
            if (t.Kind == HoconTokenKind.EndOfInput)
                throw Error(t, $"expected ']' to close the list of '{KeyName()}' opened at line {open.Line}, column {open.Column}", Key(path));
            if (t.Kind == HoconTokenKind.Comma) Next();
            else if (t.Kind is not (HoconTokenKind.NewLine or HoconTokenKind.CloseBracket))
                throw Error(t, $"expected ',' or ']' in the list of '{KeyName()}' but found {t.Describe()}", Key(path));
        }
    }

    private bool IsInclude()
    {
        var t = Peek();
        if (t.Kind != HoconTokenKind.Unquoted || t.Text != "include" || Peek(1).Kind != HoconTokenKind.Whitespace) return false;
        var next = Peek(2);
        return next.Kind == HoconTokenKind.Quoted
            || (next.Kind == HoconTokenKind.Unquoted && (next.Text.StartsWith("file(", StringComparison.Ordinal)
                || next.Text.StartsWith("required(", StringComparison.Ordinal)
                || next.Text.StartsWith("classpath(", StringComparison.Ordinal)
                || next.Text.StartsWith("url(", StringComparison.Ordinal)));
    }

    /// <summary>
    /// Parses <c>include "name"</c>, <c>include file("name")</c>, <c>include classpath("name")</c>
    /// or any of them inside <c>required( )</c>, and merges the included object here.
    /// </summary>
    private string? ParseInclude(HoconObjectBuilder builder, IReadOnlyList<string> path)
    {
        var includeToken = Next();
        SkipWhitespace();
        var opening = new StringBuilder();
        while (Peek().Kind is HoconTokenKind.Unquoted or HoconTokenKind.Whitespace)
            if (Next() is { Kind: HoconTokenKind.Unquoted } u) opening.Append(u.Text);
        var nameToken = Peek();
        if (nameToken.Kind != HoconTokenKind.Quoted)
            throw Error(nameToken, $"expected a quoted file name after 'include' but found {nameToken.Describe()}", Key(path));
        Next();
        var closing = new StringBuilder();
        while (Peek().Kind is HoconTokenKind.Unquoted or HoconTokenKind.Whitespace)
            if (Next() is { Kind: HoconTokenKind.Unquoted } u) closing.Append(u.Text);

        string form = opening.ToString();
        bool required = form.StartsWith("required(", StringComparison.Ordinal);
        if (required) form = form["required(".Length..];
        string kind = form switch
        {
            "" => "file",
            "file(" => "file",
            "classpath(" => "classpath",
            "url(" => "url",
            _ => throw Error(includeToken, $"unknown include form '{opening}' (expected include \"f\", file(\"f\"), classpath(\"r\") or required(...))", Key(path)),
        };
        int expectedClosers = (form.Length > 0 ? 1 : 0) + (required ? 1 : 0);
        if (closing.ToString() != new string(')', expectedClosers))
            throw Error(includeToken, $"expected {expectedClosers} ')' after the included name \"{nameToken.Text}\" but found '{closing}'", Key(path));
        if (kind == "url")
            throw Error(includeToken, $"url() includes are not supported; include a file instead", Key(path));

        var included = Load(kind, nameToken);
        if (included is null)
        {
            if (required) throw Error(nameToken, $"required include \"{nameToken.Text}\" not found", Key(path));
            // The spec makes a plain include of a missing file a no-op, so optional overrides can be layered in.
            return null;
        }

        string identity = included.OriginName ?? nameToken.Text;
        if (_includeChain.Contains(identity))
            throw Error(nameToken, $"include cycle: {string.Join(" -> ", _includeChain)} -> {identity}", Key(path));
        if (_includeChain.Count >= MaxIncludeDepth)
            throw Error(nameToken, $"includes are nested more than {MaxIncludeDepth} deep: {string.Join(" -> ", _includeChain)}", Key(path));

        var root = new HoconParser(included, [.. _includeChain, identity]).ParseDocument();
        foreach (var (key, value) in root.Fields)
            builder.Add(key, HoconRelativizer.Relativize(value, path));
        return null;
    }

    private HoconSource? Load(string kind, HoconToken nameToken)
    {
        if (kind == "classpath") return ConfigurationFactory.EmbeddedSource(nameToken.Text);
        if (_source.Includes is null)
        {
            throw Error(nameToken,
                $"cannot include \"{nameToken.Text}\": this text was parsed without an include resolver (use ParseFile, or pass includeResolver to ParseString)");
        }
        return _source.Includes(nameToken.Text);
    }

    private HoconToken Peek(int ahead = 0) => _tokens[Math.Min(_pos + ahead, _tokens.Count - 1)];

    private HoconToken Next()
    {
        var t = _tokens[_pos];
        if (_pos < _tokens.Count - 1) _pos++;
        return t;
    }

    private void SkipWhitespace()
    {
        while (Peek().Kind == HoconTokenKind.Whitespace) Next();
    }

    private void SkipBlank()
    {
        while (Peek().Kind is HoconTokenKind.Whitespace or HoconTokenKind.NewLine) Next();
    }

    private static string? Key(IReadOnlyList<string> path) => path.Count == 0 ? null : ConfigPath.Render(path);

    private string KeyText(HoconToken first)
    {
        int at = _tokens.IndexOf(first);
        var sb = new StringBuilder();
        for (int i = at; i < _tokens.Count && _tokens[i].Kind is HoconTokenKind.Unquoted or HoconTokenKind.Quoted; i++)
            sb.Append(_tokens[i].Kind == HoconTokenKind.Quoted ? HoconRenderer.Quote(_tokens[i].Text) : _tokens[i].Text);
        return sb.ToString();
    }

    private ConfigOrigin Origin(HoconToken t) => new(_source.OriginName, t.Line, t.Column);

    private ConfigurationException Error(HoconToken at, string problem, string? key = null) => new(Origin(at), problem, key);
}
