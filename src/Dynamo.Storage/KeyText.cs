namespace Dynamo.Storage;

/// <summary>Renders keys for error messages: binary keys are shown as hex, long ones shortened.</summary>
internal static class KeyText
{
    private const int MaxBytesShown = 64;

    public static string Format(ReadOnlySpan<byte> key)
    {
        var shown = key.Length > MaxBytesShown ? key[..MaxBytesShown] : key;
        var hex = Convert.ToHexString(shown);
        return key.Length > MaxBytesShown ? $"0x{hex}… ({key.Length} bytes)" : $"0x{hex}";
    }
}
