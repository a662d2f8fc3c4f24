using System.Globalization;
using System.Text;

namespace Dynamo.Actors.Configuration.Hocon;

/// <summary>
/// Splits HOCON text into tokens. Comments vanish (the new line ending them stays, because new
/// lines separate fields); whitespace is kept as tokens because it matters inside a value
/// concatenation (<c>a = foo bar</c>).
/// </summary>
internal sealed class HoconTokenizer
{
    // Characters the spec forbids in unquoted text; '+' is allowed unless it starts "+=".
    private const string Forbidden = "$\"{}[]:=,#`^?!@*&\\";

    private readonly string _text;
    private readonly string? _originName;
    private readonly List<HoconToken> _tokens = [];
    private int _pos;
    private int _line = 1;
    private int _column = 1;

    private HoconTokenizer(string text, string? originName)
    {
        _text = text;
        _originName = originName;
    }

    /// <summary>Tokenizes the whole text, ending with an <see cref="HoconTokenKind.EndOfInput"/> token.</summary>
    public static List<HoconToken> Tokenize(string text, string? originName) => new HoconTokenizer(text, originName).Run();

    private List<HoconToken> Run()
    {
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            int line = _line, column = _column;
            if (c == '\n')
            {
                Advance(1);
                _tokens.Add(new(HoconTokenKind.NewLine, "\n", line, column));
            }
            else if (IsWhitespace(c)) ReadWhitespace();
            else if (c == '#' || (c == '/' && Peek(1) == '/')) SkipComment();
            else if (c == '"') ReadQuoted();
            else if (c == '$' && Peek(1) == '{') ReadSubstitution();
            else if (c == '+' && Peek(1) == '=') Emit(HoconTokenKind.PlusEquals, 2);
            else if (c == ',') Emit(HoconTokenKind.Comma, 1);
            else if (c == ':') Emit(HoconTokenKind.Colon, 1);
            else if (c == '=') Emit(HoconTokenKind.Equals, 1);
            else if (c == '{') Emit(HoconTokenKind.OpenBrace, 1);
            else if (c == '}') Emit(HoconTokenKind.CloseBrace, 1);
            else if (c == '[') Emit(HoconTokenKind.OpenBracket, 1);
            else if (c == ']') Emit(HoconTokenKind.CloseBracket, 1);
            else if (Forbidden.Contains(c))
            {
                throw Error(line, column,
                    $"character '{c}' is not allowed outside quotes; put the value in double quotes");
            }
            else ReadUnquoted();
        }
        _tokens.Add(new(HoconTokenKind.EndOfInput, "", _line, _column));
        return _tokens;
    }

    /// <summary>Decodes the escapes of a quoted string body (JSON escapes).</summary>
    public static bool TryUnescape(ReadOnlySpan<char> body, out string text, out string error)
    {
        var sb = new StringBuilder(body.Length);
        error = "";
        text = "";
        for (int i = 0; i < body.Length; i++)
        {
            char c = body[i];
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }
            if (i + 1 >= body.Length)
            {
                error = "a backslash ends the string";
                return false;
            }
            char e = body[++i];
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    if (body.Length - i - 1 < 4
                        || !ushort.TryParse(body.Slice(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort code))
                    {
                        error = "'\\u' must be followed by four hex digits";
                        return false;
                    }
                    sb.Append((char)code);
                    i += 4;
                    break;
                default:
                    error = $"'\\{e}' is not a valid escape (use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX)";
                    return false;
            }
        }
        text = sb.ToString();
        return true;
    }

    private static bool IsWhitespace(char c) => c != '\n' && (char.IsWhiteSpace(c) || c == '\uFEFF');

    private char Peek(int ahead) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private void Advance(int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (_text[_pos] == '\n')
            {
                _line++;
                _column = 1;
            }
            else _column++;
            _pos++;
        }
    }

    private void Emit(HoconTokenKind kind, int length)
    {
        _tokens.Add(new(kind, _text.Substring(_pos, length), _line, _column));
        Advance(length);
    }

    private void ReadWhitespace()
    {
        int start = _pos, line = _line, column = _column;
        while (_pos < _text.Length && IsWhitespace(_text[_pos])) Advance(1);
        _tokens.Add(new(HoconTokenKind.Whitespace, _text[start.._pos], line, column));
    }

    private void SkipComment()
    {
        while (_pos < _text.Length && _text[_pos] != '\n') Advance(1);
    }

    private void ReadUnquoted()
    {
        int start = _pos, line = _line, column = _column;
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c == '\n' || IsWhitespace(c) || Forbidden.Contains(c)) break;
            if (c == '/' && Peek(1) == '/') break;
            if (c == '+' && Peek(1) == '=') break;
            Advance(1);
        }
        _tokens.Add(new(HoconTokenKind.Unquoted, _text[start.._pos], line, column));
    }

    private void ReadQuoted()
    {
        int line = _line, column = _column;
        if (Peek(1) == '"' && Peek(2) == '"')
        {
            ReadTripleQuoted(line, column);
            return;
        }
        Advance(1);
        int start = _pos;
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
            {
                throw Error(line, column,
                    "unterminated quoted string (a quoted string must close on the same line; use \"\"\" for text over several lines)");
            }
            char c = _text[_pos];
            if (c == '"') break;
            Advance(c == '\\' && _pos + 1 < _text.Length && _text[_pos + 1] != '\n' ? 2 : 1);
        }
        var body = _text.AsSpan(start, _pos - start);
        if (!TryUnescape(body, out string text, out string error)) throw Error(line, column, $"bad escape in quoted string: {error}");
        Advance(1);
        _tokens.Add(new(HoconTokenKind.Quoted, text, line, column));
    }

    private void ReadTripleQuoted(int line, int column)
    {
        Advance(3);
        int start = _pos;
        int end = _text.IndexOf("\"\"\"", _pos, StringComparison.Ordinal);
        if (end < 0) throw Error(line, column, "unterminated triple-quoted string (expected closing \"\"\")");
        // Quotes right before the closing three belong to the string, as the spec says.
        while (end + 3 < _text.Length && _text[end + 3] == '"') end++;
        string text = _text[start..end];
        Advance(end + 3 - _pos);
        _tokens.Add(new(HoconTokenKind.Quoted, text, line, column));
    }

    private void ReadSubstitution()
    {
        int line = _line, column = _column;
        bool optional = Peek(2) == '?';
        Advance(optional ? 3 : 2);
        int start = _pos;
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
                throw Error(line, column, "unterminated substitution (expected '}' to close '${')");
            char c = _text[_pos];
            if (c == '}') break;
            if (c == '"')
            {
                Advance(1);
                while (_pos < _text.Length && _text[_pos] != '"' && _text[_pos] != '\n')
                    Advance(_text[_pos] == '\\' && _pos + 1 < _text.Length ? 2 : 1);
                if (_pos < _text.Length && _text[_pos] == '"') Advance(1);
                continue;
            }
            Advance(1);
        }
        string path = _text[start.._pos];
        Advance(1);
        _tokens.Add(new(optional ? HoconTokenKind.OptionalSubstitution : HoconTokenKind.Substitution, path, line, column));
    }

    private ConfigurationException Error(int line, int column, string problem) =>
        new(new ConfigOrigin(_originName, line, column), problem);
}
