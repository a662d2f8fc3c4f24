using Microsoft.Extensions.Caching.Memory;

namespace Dynamo.Kv.VNodes;

/// <summary>
/// The node's bounded cache of stored objects, shared by its vnodes: a hit spares a journal read. Each
/// entry is the object of one key at one journal sequence number of one vnode generation (a vnode draws a
/// new generation when it starts and when its journal is deleted), so an entry left from an older write,
/// or from a journal since deleted whose sequence numbers may be reused, is never taken for the current one. Size is counted in object bytes
/// (<c>dynamo.kv.vnode.value-cache-size</c>); the least recently used entries go first.
/// </summary>
public sealed class ValueCache : IDisposable
{
    private readonly MemoryCache? _cache;

    /// <summary>A cache holding up to <paramref name="maxBytes"/> bytes of objects; 0 caches nothing.</summary>
    public ValueCache(long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        MaxBytes = maxBytes;
        // Compacting a quarter at a time keeps evictions rare; a smaller step thrashes at the limit.
        if (maxBytes > 0) _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = maxBytes, CompactionPercentage = 0.25 });
    }

    /// <summary>The most object bytes the cache holds.</summary>
    public long MaxBytes { get; }

    /// <summary>The object of key <paramref name="id"/> stored at <paramref name="sequenceNr"/> by vnode <paramref name="generation"/>, if cached.</summary>
    public bool TryGet(long generation, string id, long sequenceNr, out byte[] objectBytes)
    {
        if (_cache is not null && _cache.TryGetValue(new CacheKey(generation, id), out Cached? cached) && cached!.SequenceNr == sequenceNr)
        {
            objectBytes = cached.Object;
            return true;
        }
        objectBytes = [];
        return false;
    }

    /// <summary>Caches the object of key <paramref name="id"/> stored at <paramref name="sequenceNr"/> by vnode <paramref name="generation"/>.</summary>
    public void Set(long generation, string id, long sequenceNr, byte[] objectBytes)
    {
        if (_cache is null || objectBytes.Length > MaxBytes) return;
        _cache.Set(new CacheKey(generation, id), new Cached(sequenceNr, objectBytes), new MemoryCacheEntryOptions { Size = Math.Max(1, objectBytes.Length) });
    }

    /// <summary>Drops key <paramref name="id"/> of vnode <paramref name="generation"/>.</summary>
    public void Remove(long generation, string id) => _cache?.Remove(new CacheKey(generation, id));

    /// <summary>A fresh vnode generation: random, so no two vnodes of a node share one.</summary>
    public static long NewGeneration() => Random.Shared.NextInt64();

    /// <inheritdoc />
    public void Dispose() => _cache?.Dispose();

    private readonly record struct CacheKey(long Generation, string Id);

    private sealed record Cached(long SequenceNr, byte[] Object);
}
