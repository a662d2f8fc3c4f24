namespace Dynamo.Storage;

/// <summary>Argument checks shared by every plugin, so that all of them reject the same bad input.</summary>
internal static class StorageArguments
{
    public static void Partition(int partition)
    {
        if (partition < 0)
            throw new ArgumentOutOfRangeException(nameof(partition), partition, "A partition index is never negative.");
    }

    public static void Limit(int limit)
    {
        if (limit <= 0)
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "A scan limit must be positive.");
    }

    public static void Name(string name, string parameter)
    {
        ArgumentException.ThrowIfNullOrEmpty(name, parameter);
    }

    /// <summary>Copies entries out of the caller's buffers, the later of two equal keys winning.</summary>
    public static EncodedEntry[] Encode(IReadOnlyList<KeyValueEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var encoded = new List<EncodedEntry>(entries.Count);
        var positions = entries.Count > 1 ? new Dictionary<byte[], int>(ByteArrayEquality.Instance) : null;
        foreach (var entry in entries)
        {
            var value = entry.Value.ToArray();
            var item = new EncodedEntry(entry.Key.ToArray(), value, ValueChecksum.Compute(value));
            if (positions is not null && positions.TryGetValue(item.Key, out var index))
            {
                encoded[index] = item;
                continue;
            }
            positions?.Add(item.Key, encoded.Count);
            encoded.Add(item);
        }
        return [.. encoded];
    }

    public static byte[][] Keys(IReadOnlyList<ReadOnlyMemory<byte>> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var copies = new byte[keys.Count][];
        for (var i = 0; i < keys.Count; i++)
            copies[i] = keys[i].ToArray();
        return copies;
    }
}
