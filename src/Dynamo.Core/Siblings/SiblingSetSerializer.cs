using System.Collections.Immutable;
using Dynamo.Core.Causality;
using Dynamo.Core.Serialization;

namespace Dynamo.Core.Siblings;

/// <summary>
/// Binary form of a <see cref="SiblingSet"/> for storage and the wire.
/// </summary>
/// <remarks>
/// Version 1: format byte <c>0x01</c>; varint entry count; per entry (ordinal node order): node id
/// (varint length + UTF-8), varint counter, varint value count, then per value: flags byte
/// (bit 0 tombstone), zig-zag varint timestamp, content type, varint user-metadata count with
/// key/value strings in key order, and the value bytes (varint length + bytes).
/// Anything else — truncation, unknown version or flags, non-canonical order, trailing bytes —
/// raises <see cref="InvalidSiblingSetException"/>.
/// </remarks>
public static class SiblingSetSerializer
{
    /// <summary>The format version written by <see cref="Serialize"/>.</summary>
    public const byte FormatVersion = 1;

    private const byte TombstoneFlag = 1;

    // Immutable, so every sibling without user metadata can share one.
    private static readonly ImmutableSortedDictionary<string, string> NoUserMetadata =
        ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>Encodes a sibling set.</summary>
    public static byte[] Serialize(SiblingSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var w = new ByteWriter(SizeBound(set));
        w.Byte(FormatVersion);
        w.VarUInt((ulong)set.Versions.Entries.Length);
        foreach (var entry in set.Versions.Entries)
        {
            w.String(entry.Node);
            w.VarUInt((ulong)entry.Counter);
            w.VarUInt((ulong)entry.Values.Length);
            foreach (var sibling in entry.Values)
            {
                var m = sibling.Metadata;
                w.Byte(m.IsTombstone ? TombstoneFlag : (byte)0);
                w.VarInt(m.Timestamp);
                w.String(m.ContentType);
                w.VarUInt((ulong)m.UserMetadata.Count);
                foreach (var (key, value) in m.UserMetadata)
                {
                    w.String(key);
                    w.String(value);
                }

                w.Bytes(sibling.Value.Span);
            }
        }

        return w.ToArray();
    }

    // At least the encoding's length, so the writer's buffer is allocated once: a varint takes at most 10 bytes and
    // a character at most 3 in UTF-8.
    private static int SizeBound(SiblingSet set)
    {
        const int varint = 10;
        var size = 1 + varint;
        foreach (var entry in set.Versions.Entries)
        {
            size += varint + entry.Node.Length * 3 + 2 * varint;
            foreach (var sibling in entry.Values)
            {
                var m = sibling.Metadata;
                size += 1 + varint + varint + m.ContentType.Length * 3 + varint + varint + sibling.Value.Length;
                foreach (var (key, value) in m.UserMetadata) size += 2 * varint + (key.Length + value.Length) * 3;
            }
        }

        return size;
    }

    /// <summary>Decodes what <see cref="Serialize"/> produced; every value is a copy.</summary>
    /// <exception cref="InvalidSiblingSetException">The bytes are not a valid version-1 sibling set.</exception>
    public static SiblingSet Deserialize(ReadOnlySpan<byte> bytes) => Deserialize(bytes, shared: default);

    /// <summary>
    /// Decodes what <see cref="Serialize"/> produced, each value a slice of <paramref name="bytes"/> rather than a
    /// copy: for bytes nobody writes again (a received message's, a store's), where copying a value was most of the
    /// work. The set keeps all of <paramref name="bytes"/> alive.
    /// </summary>
    /// <exception cref="InvalidSiblingSetException">The bytes are not a valid version-1 sibling set.</exception>
    public static SiblingSet DeserializeShared(ReadOnlyMemory<byte> bytes) => Deserialize(bytes.Span, bytes);

    // With shared bytes, values are slices of them; without, copies.
    private static SiblingSet Deserialize(ReadOnlySpan<byte> bytes, ReadOnlyMemory<byte> shared)
    {
        var r = new ByteReader(bytes, m => new InvalidSiblingSetException($"Invalid sibling set: {m}."));
        var version = r.Byte();
        if (version != FormatVersion)
        {
            throw r.Error($"unknown format version {version}");
        }

        var entryCount = r.Length("entry count");
        var entries = new List<DvvSetEntry<Sibling>>(entryCount);
        for (var i = 0; i < entryCount; i++)
        {
            var node = r.String("node id");
            var counter = r.VarUInt();
            if (node.Length == 0 || counter is 0 or > long.MaxValue)
            {
                throw r.Error($"entry {i} has an empty node id or a counter out of range");
            }

            if (i > 0 && string.CompareOrdinal(entries[^1].Node, node) >= 0)
            {
                throw r.Error($"entry {i} ('{node}') is out of order or repeated");
            }

            var valueCount = r.Length("value count");
            if ((ulong)valueCount > counter)
            {
                throw r.Error($"entry '{node}' holds {valueCount} values but only {counter} events");
            }

            var values = ImmutableArray.CreateBuilder<Sibling>(valueCount);
            for (var k = 0; k < valueCount; k++)
            {
                values.Add(ReadSibling(ref r, shared));
            }

            entries.Add(new DvvSetEntry<Sibling>(node, (long)counter, values.MoveToImmutable()));
        }

        r.ExpectEnd();
        return SiblingSet.FromVersions(DottedVersionVectorSet<Sibling>.From(entries));
    }

    private static Sibling ReadSibling(ref ByteReader r, ReadOnlyMemory<byte> shared)
    {
        var flags = r.Byte();
        if ((flags & ~TombstoneFlag) != 0)
        {
            throw r.Error($"unknown value flags 0x{flags:X2}");
        }

        var timestamp = r.VarInt();
        var contentType = r.String("content type");
        var metaCount = r.Length("user metadata count");
        var meta = metaCount == 0 ? null : ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        string? previousKey = null;
        for (var i = 0; i < metaCount; i++)
        {
            var key = r.String("metadata key");
            if (previousKey is not null && string.CompareOrdinal(previousKey, key) >= 0)
            {
                throw r.Error($"metadata key '{key}' is out of order or repeated");
            }

            meta![key] = r.String("metadata value");
            previousKey = key;
        }

        var read = r.Bytes("value");
        var isTombstone = (flags & TombstoneFlag) != 0;
        if (isTombstone && read.Length != 0)
        {
            throw r.Error("a tombstone carries value bytes");
        }

        // The value ends where the reader now stands: its slice of the shared bytes.
        ReadOnlyMemory<byte> value = shared.IsEmpty ? read.ToArray() : shared.Slice(shared.Length - r.Remaining - read.Length, read.Length);
        return new Sibling(value, new SiblingMetadata(contentType, timestamp, isTombstone, meta?.ToImmutable() ?? NoUserMetadata));
    }
}
