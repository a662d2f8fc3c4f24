using System.Collections.Immutable;
using System.Security.Cryptography;

namespace Dynamo.Kv.VNodes;

/// <summary>
/// What a vnode keeps in memory per live key (Riak's bitcask keydir, with the journal as the log): the
/// sequence number of the key's latest <see cref="ObjectStored"/> event and the digest of its object.
/// Values stay in the journal and the node's <see cref="ValueCache"/>; a key absent here has no object.
/// Keys are the hex form of the storage key, as the vnode's write queue uses them.
/// </summary>
public sealed class ReplicaIndex
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Live keys.</summary>
    public int Count => _entries.Count;

    /// <summary>The entry of <paramref name="id"/> (hex storage key), if the key is live.</summary>
    public bool TryGet(string id, out long sequenceNr)
    {
        var found = _entries.TryGetValue(id, out var entry);
        sequenceNr = entry.SequenceNr;
        return found;
    }

    /// <summary>Records that the latest object of <paramref name="id"/> is <paramref name="objectBytes"/> at <paramref name="sequenceNr"/>.</summary>
    public void Stored(string id, long sequenceNr, ReadOnlySpan<byte> objectBytes) =>
        _entries[id] = new Entry(sequenceNr, MD5.HashData(objectBytes));

    /// <summary>Forgets <paramref name="id"/>: its object was reaped.</summary>
    public void Reaped(string id) => _entries.Remove(id);

    /// <summary>Forgets every key: the replica was handed off and deleted.</summary>
    public void Clear() => _entries.Clear();

    /// <summary>Every live key with the digest of its object, for the anti-entropy trees.</summary>
    public IEnumerable<(byte[] StorageKey, byte[] Digest)> Digests() =>
        _entries.Select(e => (Convert.FromHexString(e.Key), e.Value.Digest));

    /// <summary>Every live key (hex) with its sequence number.</summary>
    public IEnumerable<(string Id, long SequenceNr)> Keys() => _entries.Select(e => (e.Key, e.Value.SequenceNr));

    /// <summary>The index as a snapshot holds it.</summary>
    public ImmutableArray<ReplicaIndexEntry> ToSnapshot() =>
        [.. _entries.Select(e => new ReplicaIndexEntry(Convert.FromHexString(e.Key), e.Value.SequenceNr, e.Value.Digest))];

    /// <summary>Replaces the index with a snapshot's.</summary>
    public void Restore(IEnumerable<ReplicaIndexEntry> entries)
    {
        _entries.Clear();
        foreach (var e in entries) _entries[Convert.ToHexString(e.StorageKey)] = new Entry(e.SequenceNr, e.Digest);
    }

    private readonly record struct Entry(long SequenceNr, byte[] Digest);
}
