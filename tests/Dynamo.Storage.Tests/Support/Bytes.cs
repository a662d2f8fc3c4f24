using System.Text;

namespace Dynamo.Storage.Tests.Support;

/// <summary>Small helpers to make keys and values.</summary>
public static class Bytes
{
    /// <summary>UTF-8 bytes of <paramref name="text"/>.</summary>
    public static byte[] Of(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary><paramref name="length"/> bytes derived from <paramref name="seed"/>, so a value can be checked without keeping it.</summary>
    public static byte[] Pattern(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Renders bytes as hex, so assertions show readable differences.</summary>
    public static string Hex(ReadOnlyMemory<byte> bytes) => Convert.ToHexString(bytes.Span);

    /// <summary>Renders bytes as hex, so assertions show readable differences.</summary>
    public static string Hex(byte[] bytes) => Convert.ToHexString(bytes);
}
