using System.Runtime.InteropServices;
using System.Text;

namespace Dynamo.Actors.Remote.Wire;

/// <summary>
/// Turns the UTF-8 paths and manifests of inbound envelopes into strings, returning the same string instance for
/// bytes seen recently. A connection carries few distinct recipients, senders and manifests, so nearly every
/// envelope is served from here without decoding or allocating. Used by one reader thread only. A slot keeps only
/// the string and compares the bytes against it as ASCII, which paths and manifests are: a path seen once (every
/// request's coordinator) then costs its string and not also a copy of its bytes. Text that is not ASCII is decoded
/// each time, which is correct, only slower.
/// </summary>
internal sealed class Utf8StringCache
{
    private const int Slots = 64;
    private const int MaximumCachedLength = 512;
    private readonly string?[] _strings = new string?[Slots];

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty) return "";
        if (utf8.Length > MaximumCachedLength) return Encoding.UTF8.GetString(utf8);
        int slot = Slot(utf8);
        if (_strings[slot] is { } known && Ascii.Equals(utf8, known)) return known;
        var text = Encoding.UTF8.GetString(utf8);
        _strings[slot] = text;
        return text;
    }

    private static int Slot(ReadOnlySpan<byte> utf8)
    {
        // Paths to different actors differ mostly at the end (name, uid), so the tail and the length decide the slot.
        ulong tail = utf8.Length >= 8
            ? MemoryMarshal.Read<ulong>(utf8[^8..])
            : utf8[0] | ((ulong)utf8[^1] << 8);
        ulong mixed = (tail ^ (ulong)utf8.Length) * 0x9E3779B97F4A7C15UL;
        return (int)(mixed >> 58);
    }
}
