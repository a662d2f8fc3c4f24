using System.Collections.Immutable;
using System.Text;

namespace Dynamo.Actors.Cluster;

/// <summary>
/// A compact binary form of <see cref="Gossip"/> for the cluster daemon to ship until the protobuf wire
/// format exists. Every unique address is written once in a table and referred to by index elsewhere,
/// since the same nodes recur in members, seen set, reachability and tombstones.
/// </summary>
/// <remarks>
/// Layout of format 1 (integers are 7-bit encoded unless noted, strings are length-prefixed UTF-8):
/// format byte; address table (protocol, system, flags, host?, port? as int32, uid as int64); members
/// (index, status byte, up-number, roles); seen (indexes); reachability versions (index, int64) and
/// records (observer, subject, status byte, int64 version); tombstones (index, int64 millis); version
/// (node name, int64 counter). Anything malformed, truncated or followed by extra bytes is refused with
/// an <see cref="InvalidDataException"/>.
/// </remarks>
public static class GossipSerializer
{
    /// <summary>The format this code writes and reads.</summary>
    public const byte FormatVersion = 1;

    private const byte HasHost = 1, HasPort = 2;

    /// <summary>The gossip as bytes, starting with <see cref="FormatVersion"/>.</summary>
    public static byte[] ToBinary(Gossip gossip)
    {
        ArgumentNullException.ThrowIfNull(gossip);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            Write(writer, gossip);
        }
        return stream.ToArray();
    }

    /// <summary>The gossip written by <see cref="ToBinary"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a gossip of a known format; the message says what is wrong.</exception>
    public static Gossip FromBinary(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length == 0) throw new InvalidDataException("Corrupt gossip: no bytes.");
        if (bytes[0] != FormatVersion)
            throw new InvalidDataException($"Corrupt gossip: unknown format version {bytes[0]} (this node reads version {FormatVersion}).");
        using var stream = new MemoryStream(bytes, 1, bytes.Length - 1, writable: false);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        Gossip gossip;
        try
        {
            gossip = Read(reader);
        }
        catch (Exception e) when (e is IOException or ArgumentException or FormatException or OverflowException or DecoderFallbackException)
        {
            throw new InvalidDataException($"Corrupt gossip: {e.Message}", e);
        }
        if (stream.Position != stream.Length)
            throw new InvalidDataException($"Corrupt gossip: {stream.Length - stream.Position} unexpected bytes after the end.");
        return gossip;
    }

    private static void Write(BinaryWriter w, Gossip gossip)
    {
        var nodes = gossip.Members.Select(m => m.UniqueAddress)
            .Concat(gossip.SeenBy)
            .Concat(gossip.Reachability.Versions.Keys)
            .Concat(gossip.Reachability.Records.SelectMany(r => new[] { r.Observer, r.Subject }))
            .Concat(gossip.Tombstones.Keys)
            .Distinct().Order().ToList();
        var index = nodes.Select((n, i) => (n, i)).ToDictionary(x => x.n, x => x.i);

        w.Write7BitEncodedInt(nodes.Count);
        foreach (var node in nodes) WriteUniqueAddress(w, node);

        w.Write7BitEncodedInt(gossip.Members.Count);
        foreach (var m in gossip.Members)
        {
            w.Write7BitEncodedInt(index[m.UniqueAddress]);
            w.Write((byte)m.Status);
            w.Write7BitEncodedInt(m.UpNumber);
            w.Write7BitEncodedInt(m.Roles.Count);
            foreach (var role in m.Roles) w.Write(role);
        }

        w.Write7BitEncodedInt(gossip.SeenBy.Count);
        foreach (var node in gossip.SeenBy) w.Write7BitEncodedInt(index[node]);

        w.Write7BitEncodedInt(gossip.Reachability.Versions.Count);
        foreach (var (observer, version) in gossip.Reachability.Versions)
        {
            w.Write7BitEncodedInt(index[observer]);
            w.Write(version);
        }
        var records = gossip.Reachability.Records.ToList();
        w.Write7BitEncodedInt(records.Count);
        foreach (var r in records)
        {
            w.Write7BitEncodedInt(index[r.Observer]);
            w.Write7BitEncodedInt(index[r.Subject]);
            w.Write((byte)r.Status);
            w.Write(r.Version);
        }

        w.Write7BitEncodedInt(gossip.Tombstones.Count);
        foreach (var (node, at) in gossip.Tombstones)
        {
            w.Write7BitEncodedInt(index[node]);
            w.Write(at);
        }

        WriteVectorClock(w, gossip.Version);
    }

    private static Gossip Read(BinaryReader r)
    {
        var nodes = new UniqueAddress[ReadCount(r, "address table")];
        for (int i = 0; i < nodes.Length; i++) nodes[i] = ReadUniqueAddress(r);
        UniqueAddress Node(string what)
        {
            int i = r.Read7BitEncodedInt();
            return i >= 0 && i < nodes.Length ? nodes[i] : throw new FormatException($"{what} refers to address #{i} of {nodes.Length}.");
        }

        var members = ImmutableSortedSet.CreateBuilder<Member>();
        int memberCount = ReadCount(r, "members");
        for (int i = 0; i < memberCount; i++)
        {
            var node = Node("a member");
            var status = ReadEnum<MemberStatus>(r, "member status");
            int upNumber = r.Read7BitEncodedInt();
            var roles = new string[ReadCount(r, "roles")];
            for (int j = 0; j < roles.Length; j++) roles[j] = r.ReadString();
            if (!members.Add(Member.Restore(node, status, upNumber, roles)))
                throw new FormatException($"member {node} appears twice.");
        }

        var seen = ImmutableSortedSet.CreateBuilder<UniqueAddress>();
        int seenCount = ReadCount(r, "seen set");
        for (int i = 0; i < seenCount; i++) seen.Add(Node("the seen set"));

        var versions = new List<KeyValuePair<UniqueAddress, long>>();
        int versionCount = ReadCount(r, "reachability versions");
        for (int i = 0; i < versionCount; i++) versions.Add(new(Node("a reachability version"), r.ReadInt64()));
        var records = new List<ReachabilityRecord>();
        int recordCount = ReadCount(r, "reachability records");
        for (int i = 0; i < recordCount; i++)
            records.Add(new ReachabilityRecord(Node("a reachability observer"), Node("a reachability subject"), ReadEnum<ReachabilityStatus>(r, "reachability status"), r.ReadInt64()));

        var tombstones = ImmutableSortedDictionary.CreateBuilder<UniqueAddress, long>();
        int tombstoneCount = ReadCount(r, "tombstones");
        for (int i = 0; i < tombstoneCount; i++)
            if (!tombstones.TryAdd(Node("a tombstone"), r.ReadInt64())) throw new FormatException("a tombstone appears twice.");

        var version = ReadVectorClock(r);
        return new Gossip(members.ToImmutable(), new GossipOverview(seen.ToImmutable(), Reachability.Create(records, versions)), version, tombstones.ToImmutable());
    }

    /// <summary>Writes a unique address (for the daemon's own messages: join, welcome, gossip status).</summary>
    public static void WriteUniqueAddress(BinaryWriter writer, UniqueAddress node)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(node);
        var a = node.Address;
        writer.Write(a.Protocol);
        writer.Write(a.System);
        writer.Write((byte)((a.Host is null ? 0 : HasHost) | (a.Port is null ? 0 : HasPort)));
        if (a.Host is not null) writer.Write(a.Host);
        if (a.Port is { } port) writer.Write(port);
        writer.Write(node.Uid);
    }

    /// <summary>Reads a unique address written by <see cref="WriteUniqueAddress"/>.</summary>
    /// <exception cref="FormatException">The flags are not valid.</exception>
    /// <exception cref="EndOfStreamException">The input ends early.</exception>
    public static UniqueAddress ReadUniqueAddress(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string protocol = reader.ReadString();
        string system = reader.ReadString();
        byte flags = reader.ReadByte();
        if ((flags & ~(HasHost | HasPort)) != 0) throw new FormatException($"address flags 0x{flags:x2} are not valid.");
        if (protocol.Length == 0 || system.Length == 0) throw new FormatException("an address has an empty protocol or system.");
        string? host = (flags & HasHost) != 0 ? reader.ReadString() : null;
        int? port = (flags & HasPort) != 0 ? reader.ReadInt32() : null;
        if (port is < 0 or > 65535) throw new FormatException($"port {port} is out of range.");
        return new UniqueAddress(new Address(protocol, system, host, port), reader.ReadInt64());
    }

    /// <summary>Writes a gossip version (for the daemon's gossip-status message).</summary>
    public static void WriteVectorClock(BinaryWriter writer, VectorClock clock)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(clock);
        writer.Write7BitEncodedInt(clock.Versions.Count);
        foreach (var (node, counter) in clock.Versions)
        {
            writer.Write(node);
            writer.Write(counter);
        }
    }

    /// <summary>Reads a gossip version written by <see cref="WriteVectorClock"/>.</summary>
    /// <exception cref="ArgumentException">An entry is not valid.</exception>
    /// <exception cref="EndOfStreamException">The input ends early.</exception>
    public static VectorClock ReadVectorClock(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var entries = new KeyValuePair<string, long>[ReadCount(reader, "version")];
        for (int i = 0; i < entries.Length; i++) entries[i] = new(reader.ReadString(), reader.ReadInt64());
        return VectorClock.Create(entries);
    }

    // A count can never exceed the bytes left, since every element takes at least one byte.
    private static int ReadCount(BinaryReader r, string what)
    {
        int count = r.Read7BitEncodedInt();
        long left = r.BaseStream.Length - r.BaseStream.Position;
        if (count < 0 || count > left) throw new FormatException($"{what} claims {count} entries with {left} bytes left.");
        return count;
    }

    private static T ReadEnum<T>(BinaryReader r, string what) where T : struct, Enum
    {
        byte raw = r.ReadByte();
        var value = (T)Enum.ToObject(typeof(T), raw);
        return Enum.IsDefined(value) ? value : throw new FormatException($"{what} {raw} is not known.");
    }
}
