using System.Buffers.Binary;
using System.Globalization;

namespace Dynamo.Kv.VNodes;

/// <summary>
/// The epochs one partition's vnode has leased on this node's storage: epochs
/// <see cref="First"/>..<see cref="LeasedUntil"/> belong to this storage, and no epoch above
/// <see cref="LeasedUntil"/> was ever handed out. Persisted in the node's metadata under
/// <see cref="MetadataName"/>; a vnode advances causality as <c>node/epoch</c> (<see cref="ActorId"/>).
/// </summary>
/// <remarks>
/// <see cref="First"/> is drawn at random when a partition's storage has no record, so a node
/// whose data folder was wiped does not count from where its lost incarnation started: its new
/// epochs are unrelated to the old ones, which it may no longer continue (it lost their counters).
/// Epochs are handed out in increasing order, so within one storage a higher epoch was taken later.
/// </remarks>
/// <param name="First">The first epoch this storage ever leased for the partition.</param>
/// <param name="LeasedUntil">The highest epoch durably leased so far.</param>
public sealed record VNodeEpoch(long First, long LeasedUntil)
{
    // Random first epochs stay far below long.MaxValue, so leasing can go on for ever after.
    private const long FirstEpochRange = 1L << 60;

    private const int EncodedLength = 17;
    private const byte FormatVersion = 1;

    /// <summary>The metadata name of <paramref name="partition"/>'s record.</summary>
    public static string MetadataName(int partition) =>
        "kv.vnode-epoch." + partition.ToString(CultureInfo.InvariantCulture);

    /// <summary>The causality actor id of <paramref name="node"/> in <paramref name="epoch"/>: <c>node/epoch</c>, the epoch in hex.</summary>
    public static string ActorId(string node, long epoch) =>
        node + "/" + epoch.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>The epoch of <paramref name="actorId"/> when it names <paramref name="node"/> in some epoch.</summary>
    public static bool TryEpochOf(string actorId, string node, out long epoch)
    {
        epoch = 0;
        return actorId.Length > node.Length + 1
            && actorId[node.Length] == '/'
            && actorId.StartsWith(node, StringComparison.Ordinal)
            && long.TryParse(actorId.AsSpan(node.Length + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out epoch)
            && epoch > 0;
    }

    /// <summary>The record of a storage that had none: a random first epoch and a lease of <paramref name="block"/> epochs.</summary>
    public static VNodeEpoch Fresh(long random, int block)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(block, 1);
        var first = 1 + (long)((ulong)random % (ulong)FirstEpochRange);
        return new VNodeEpoch(first, first + block - 1);
    }

    /// <summary>This record with <paramref name="block"/> more epochs leased.</summary>
    public VNodeEpoch Extend(int block)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(block, 1);
        return this with { LeasedUntil = LeasedUntil + block };
    }

    /// <summary>The stored form: a format byte, then both epochs as 64-bit big-endian numbers.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[EncodedLength];
        bytes[0] = FormatVersion;
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(1), First);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(9), LeasedUntil);
        return bytes;
    }

    /// <summary>Reads a record written by <see cref="ToBytes"/>.</summary>
    /// <exception cref="FormatException">The bytes are not such a record.</exception>
    public static VNodeEpoch Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != EncodedLength || bytes[0] != FormatVersion)
        {
            throw new FormatException($"A vnode epoch record has {EncodedLength} bytes starting with format {FormatVersion}, but got {bytes.Length} bytes.");
        }
        var first = BinaryPrimitives.ReadInt64BigEndian(bytes[1..]);
        var leasedUntil = BinaryPrimitives.ReadInt64BigEndian(bytes[9..]);
        if (first < 1 || leasedUntil < first)
        {
            throw new FormatException($"A vnode epoch record leases {first}..{leasedUntil}, which is not a range of positive epochs.");
        }
        return new VNodeEpoch(first, leasedUntil);
    }
}
