using System.Text;

namespace Dynamo.Storage.CrashWriter;

/// <summary>
/// What the crash writer writes, shared with the test that checks it: keys, values derived from
/// the keys (so the checker needs no copy), and the acknowledgement line format.
/// </summary>
public static class CrashWorkload
{
    /// <summary>Concurrent writers, so that acknowledgements come from group commits of many writes.</summary>
    public const int Writers = 16;

    /// <summary>The partition a writer writes into; writers are spread over four partitions.</summary>
    public static int Partition(int writer) => writer % 4;

    /// <summary>The key of a writer's n-th write.</summary>
    public static byte[] Key(int writer, int sequence) => Encoding.ASCII.GetBytes(Text(writer, sequence));

    /// <summary>The acknowledgement line for a write: its key text and a newline.</summary>
    public static string Line(int writer, int sequence) => Text(writer, sequence) + "\n";

    /// <summary>Parses an acknowledgement line; false for anything else (such as a line cut by the kill).</summary>
    public static bool TryParse(string line, out int writer, out int sequence)
    {
        writer = sequence = -1;
        var parts = line.Split('-');
        return line.Length == 11 && parts.Length == 2 && parts[0].Length == 2 && parts[1].Length == 8
            && int.TryParse(parts[0], out writer) && int.TryParse(parts[1], out sequence);
    }

    /// <summary>The value stored under <paramref name="key"/>: 256 bytes derived from it.</summary>
    public static byte[] Value(byte[] key)
    {
        var value = new byte[256];
        for (var i = 0; i < value.Length; i++)
            value[i] = (byte)(key[i % key.Length] ^ i);
        return value;
    }

    private static string Text(int writer, int sequence) => $"{writer:D2}-{sequence:D8}";
}
