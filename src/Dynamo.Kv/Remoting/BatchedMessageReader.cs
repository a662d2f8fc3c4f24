using System.Runtime.Serialization;
using System.Text;

namespace Dynamo.Kv.Remoting;

/// <summary>
/// Reads the <c>BatchedMessageData</c> entries of a <c>ReplicaBatchData</c> or <c>ReplyBatchData</c> (field 1 of
/// both) straight from the protobuf wire format, each message's bytes a slice of the batch's. Protobuf's generated
/// parser copies every <c>bytes</c> field, so each message would be copied once out of the batch and once more by its
/// own serializer; the batch's bytes are never written again, so the slice is safe.
/// </summary>
internal static class BatchedMessageReader
{
    /// <summary>One message of a batch.</summary>
    internal readonly record struct Entry(int Partition, int SerializerId, string Manifest, ReadOnlyMemory<byte> Message);

    /// <summary>The entries of <paramref name="batch"/>, in order.</summary>
    /// <exception cref="SerializationException">The bytes are not a well-formed batch.</exception>
    public static List<Entry> Read(ReadOnlyMemory<byte> batch)
    {
        var entries = new List<Entry>();
        var position = 0;
        while (position < batch.Length)
        {
            var (field, wireType) = Tag(batch.Span, ref position);
            if (field == 1 && wireType == LengthDelimited) entries.Add(ReadEntry(Delimited(batch, ref position)));
            else Skip(batch, wireType, ref position);
        }
        return entries;
    }

    private const int Varint = 0;
    private const int Fixed64 = 1;
    private const int LengthDelimited = 2;
    private const int Fixed32 = 5;

    private static Entry ReadEntry(ReadOnlyMemory<byte> entry)
    {
        var (partition, serializerId, manifest, message) = (0, 0, "", ReadOnlyMemory<byte>.Empty);
        var position = 0;
        while (position < entry.Length)
        {
            var (field, wireType) = Tag(entry.Span, ref position);
            switch (field, wireType)
            {
                // int32 fields travel as 64-bit varints, a negative one sign-extended: the cast keeps its value.
                case (1, Varint): partition = (int)ReadVarint(entry.Span, ref position); break;
                case (2, Varint): serializerId = (int)ReadVarint(entry.Span, ref position); break;
                case (3, LengthDelimited): manifest = Encoding.UTF8.GetString(Delimited(entry, ref position).Span); break;
                case (4, LengthDelimited): message = Delimited(entry, ref position); break;
                default: Skip(entry, wireType, ref position); break;
            }
        }
        return new Entry(partition, serializerId, manifest, message);
    }

    private static (int Field, int WireType) Tag(ReadOnlySpan<byte> bytes, ref int position)
    {
        var tag = ReadVarint(bytes, ref position);
        if (tag >> 3 is 0 or > int.MaxValue) throw Malformed($"field number {tag >> 3}");
        return ((int)(tag >> 3), (int)(tag & 7));
    }

    private static ReadOnlyMemory<byte> Delimited(ReadOnlyMemory<byte> bytes, ref int position)
    {
        var length = ReadVarint(bytes.Span, ref position);
        if (length > (ulong)(bytes.Length - position)) throw Malformed("a length beyond the end");
        var slice = bytes.Slice(position, (int)length);
        position += (int)length;
        return slice;
    }

    private static void Skip(ReadOnlyMemory<byte> bytes, int wireType, ref int position)
    {
        switch (wireType)
        {
            case Varint: ReadVarint(bytes.Span, ref position); break;
            case LengthDelimited: Delimited(bytes, ref position); break;
            case Fixed64: Advance(bytes.Length, 8, ref position); break;
            case Fixed32: Advance(bytes.Length, 4, ref position); break;
            default: throw Malformed($"wire type {wireType}");
        }
    }

    private static void Advance(int length, int by, ref int position)
    {
        if (by > length - position) throw Malformed("a field beyond the end");
        position += by;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= bytes.Length) throw Malformed("a number cut short");
            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw Malformed("a number longer than ten bytes");
    }

    private static SerializationException Malformed(string what) => new($"A replica batch is malformed: {what}.");
}
