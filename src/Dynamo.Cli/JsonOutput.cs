using System.Text.Encodings.Web;
using System.Text.Json;

namespace Dynamo.Cli;

/// <summary>How <c>--json</c> output is written: indented, camelCase, one document per command.</summary>
public static class JsonOutput
{
    // Relaxed escaping: the output is read by people and JSON tools, never embedded in HTML, so '+' in a
    // timestamp or a non-ASCII key stays as it is rather than becoming \u002B.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes <paramref name="value"/> as JSON followed by a newline.</summary>
    public static Task WriteAsync(TextWriter writer, object value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return writer.WriteLineAsync(JsonSerializer.Serialize(value, Options));
    }
}
