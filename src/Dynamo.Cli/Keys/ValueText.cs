using System.Text;

namespace Dynamo.Cli.Keys;

/// <summary>How a value is shown: as text when its bytes are UTF-8, otherwise as <c>base64:</c> and the bytes in base64.</summary>
public static class ValueText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The value as text, or <c>null</c> when it is not UTF-8.</summary>
    public static string? AsText(ReadOnlySpan<byte> value)
    {
        try
        {
            return Strict.GetString(value);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>The value as text, or <c>base64:</c> followed by its bytes in base64.</summary>
    public static string Render(ReadOnlySpan<byte> value) => AsText(value) ?? "base64:" + Convert.ToBase64String(value);
}
