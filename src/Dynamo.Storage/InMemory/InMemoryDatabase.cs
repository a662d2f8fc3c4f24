namespace Dynamo.Storage.InMemory;

/// <summary>
/// The "disk" of the in-memory plugin: it outlives the plugins opened over it, so a test or the
/// simulator can close a node's storage and reopen it with everything still there, as after a
/// restart. Nothing survives the process. Thread-safe.
/// </summary>
public sealed class InMemoryDatabase
{
    private readonly Lock gate = new();
    private readonly SortedDictionary<int, SortedDictionary<byte[], byte[]>> partitions = [];
    private readonly SortedDictionary<long, Hint> hints = [];
    private readonly Dictionary<string, byte[]> metadata = new(StringComparer.Ordinal);
    private long lastHintId;

    internal byte[]? Get(int partition, ReadOnlySpan<byte> key)
    {
        lock (gate)
        {
            return partitions.TryGetValue(partition, out var entries) && entries.TryGetValue(key.ToArray(), out var value)
                ? (byte[])value.Clone()
                : null;
        }
    }

    internal void Put(int partition, EncodedEntry[] batch)
    {
        lock (gate)
        {
            if (!partitions.TryGetValue(partition, out var entries))
                partitions.Add(partition, entries = new SortedDictionary<byte[], byte[]>(ByteStringComparer.Instance));
            foreach (var entry in batch)
                entries[entry.Key] = entry.Value;
        }
    }

    internal int Delete(int partition, byte[][] keys)
    {
        lock (gate)
        {
            if (!partitions.TryGetValue(partition, out var entries))
                return 0;
            var deleted = keys.Count(entries.Remove);
            if (entries.Count == 0)
                partitions.Remove(partition);
            return deleted;
        }
    }

    internal List<KeyValueEntry> Scan(int partition, ReadOnlySpan<byte> from, ReadOnlySpan<byte> to, bool bounded, int limit)
    {
        var page = new List<KeyValueEntry>();
        lock (gate)
        {
            if (!partitions.TryGetValue(partition, out var entries))
                return page;
            // A linear walk is fine for a test and simulation backend; the durable plugins seek.
            foreach (var (key, value) in entries)
            {
                if (key.AsSpan().SequenceCompareTo(from) < 0)
                    continue;
                if ((bounded && key.AsSpan().SequenceCompareTo(to) >= 0) || page.Count == limit)
                    break;
                page.Add(new KeyValueEntry((byte[])key.Clone(), (byte[])value.Clone()));
            }
        }
        return page;
    }

    internal void Drop(int partition)
    {
        lock (gate)
            partitions.Remove(partition);
    }

    internal List<int> ListPartitions()
    {
        lock (gate)
            return [.. partitions.Keys];
    }

    internal long Count(int partition)
    {
        lock (gate)
            return partitions.TryGetValue(partition, out var entries) ? entries.Count : 0;
    }

    internal long AddHint(string owner, int partition, EncodedEntry entry)
    {
        lock (gate)
        {
            var id = ++lastHintId;
            hints.Add(id, new Hint(id, owner, partition, entry.Key, entry.Value));
            return id;
        }
    }

    internal List<Hint> ListHints(string owner, long afterId, int limit)
    {
        lock (gate)
            return [.. hints.Values.Where(h => h.Id > afterId && h.Owner == owner).Take(limit)
                .Select(h => h with { Key = h.Key.ToArray(), Value = h.Value.ToArray() })];
    }

    internal List<Hint> ListHintsForKey(string owner, int partition, ReadOnlySpan<byte> key)
    {
        var found = new List<Hint>();
        lock (gate)
        {
            foreach (var h in hints.Values)
            {
                if (h.Owner == owner && h.Partition == partition && h.Key.Span.SequenceEqual(key))
                    found.Add(h with { Key = h.Key.ToArray(), Value = h.Value.ToArray() });
            }
        }
        return found;
    }

    internal List<string> ListHintOwners()
    {
        lock (gate)
            return [.. hints.Values.Select(h => h.Owner).Distinct().Order(StringComparer.Ordinal)];
    }

    internal bool DeleteHint(long id)
    {
        lock (gate)
            return hints.Remove(id);
    }

    internal long CountHints(string owner)
    {
        lock (gate)
            return hints.Values.Count(h => h.Owner == owner);
    }

    internal byte[]? GetMetadata(string name)
    {
        lock (gate)
            return metadata.TryGetValue(name, out var value) ? (byte[])value.Clone() : null;
    }

    internal void SetMetadata(string name, byte[] value)
    {
        lock (gate)
            metadata[name] = value;
    }

    internal bool DeleteMetadata(string name)
    {
        lock (gate)
            return metadata.Remove(name);
    }
}
