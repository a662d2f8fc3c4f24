using System.Text.Json;

namespace Dynamo.Cli;

/// <summary>How <c>--json</c> output is written: indented, camelCase, one document per command.</summary>
public static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes <paramref name="value"/> as JSON followed by a newline.</summary>
    public static Task WriteAsync(TextWriter writer, object value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return writer.WriteLineAsync(JsonSerializer.Serialize(value, Options));
    }
}
