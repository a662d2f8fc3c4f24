using System.Globalization;
using System.Text;

namespace Dynamo.Actors.Configuration.Hocon;

/// <summary>
/// Writes resolved trees back as HOCON that parses to the same tree: for printing the
/// effective configuration of a node and for the values of <see cref="Config.Flatten"/>.
/// </summary>
internal static class HoconRenderer
{
    /// <summary>Renders an object's fields one per line, nested objects indented in braces.</summary>
    public static string Render(HoconObject root)
    {
        var sb = new StringBuilder();
        WriteFields(sb, root, 0);
        return sb.ToString();
    }

    /// <summary>Renders a value on one line.</summary>
    public static string RenderValue(HoconValue value)
    {
        var sb = new StringBuilder();
        WriteInline(sb, value);
        return sb.ToString();
    }

    /// <summary>Quotes a string with JSON escapes.</summary>
    public static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2);
        sb.Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (char.IsControl(c) || char.IsSurrogate(c) || c == '\uFEFF')
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>Renders a scalar unquoted when that reads back the same, quoted otherwise.</summary>
    public static string RenderScalar(HoconScalar scalar)
    {
        if (scalar.Text is not { } text) return "null";
        bool plain = text.Length > 0 && text != "null" && text != "include"
            && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
        return plain ? text : Quote(text);
    }

    private static void WriteFields(StringBuilder sb, HoconObject obj, int depth)
    {
        foreach (var (key, value) in obj.Fields)
        {
            sb.Append(' ', depth * 2).Append(ConfigPath.RenderSegment(key));
            if (value is HoconObject child && child.Count > 0)
            {
                sb.Append(" {\n");
                WriteFields(sb, child, depth + 1);
                sb.Append(' ', depth * 2).Append("}\n");
            }
            else
            {
                sb.Append(" = ");
                WriteInline(sb, value);
                sb.Append('\n');
            }
        }
    }

    private static void WriteInline(StringBuilder sb, HoconValue value)
    {
        switch (value)
        {
            case HoconScalar scalar:
                sb.Append(RenderScalar(scalar));
                break;
            case HoconArray array:
                sb.Append('[');
                for (int i = 0; i < array.Items.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    WriteInline(sb, array.Items[i]);
                }
                sb.Append(']');
                break;
            case HoconObject obj:
                sb.Append('{');
                bool first = true;
                foreach (var (key, child) in obj.Fields)
                {
                    sb.Append(first ? " " : ", ").Append(ConfigPath.RenderSegment(key)).Append(" = ");
                    WriteInline(sb, child);
                    first = false;
                }
                sb.Append(first ? "}" : " }");
                break;
            default:
                // Unresolved nodes never reach a renderer: Config renders only resolved trees.
                throw new InvalidOperationException($"cannot render {value.Describe()} before resolution");
        }
    }
}
