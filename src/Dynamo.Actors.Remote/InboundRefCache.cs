using System.Runtime.InteropServices;

namespace Dynamo.Actors.Remote;

/// <summary>
/// The references that path strings arriving in envelopes resolved to, so that a recipient or sender seen again is
/// neither parsed nor looked up again. Direct-mapped: a path has one slot, chosen by its tail (where paths differ:
/// name and uid), so the cache never holds more than <see cref="Capacity"/> references. A path is admitted only the
/// second time it lands in its slot: the many paths seen once (every request's coordinator) then neither occupy the
/// cache nor keep their actors reachable after they stopped. Safe for concurrent readers and writers: a slot holds
/// one immutable entry, replaced as a whole.
/// </summary>
internal sealed class InboundRefCache
{
    private readonly Entry?[] _entries;
    private readonly int[] _seen;
    private readonly int _shift;

    /// <summary>Creates a cache of <paramref name="capacity"/> slots, a power of two.</summary>
    public InboundRefCache(int capacity)
    {
        if (capacity < 2 || !int.IsPow2(capacity)) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The capacity must be a power of two of at least 2.");
        _entries = new Entry?[capacity];
        _seen = new int[capacity];
        _shift = 64 - int.Log2(capacity);
    }

    /// <summary>The most references the cache holds.</summary>
    public int Capacity => _entries.Length;

    /// <summary>How many references it holds now; counts every slot, for tests and diagnostics only.</summary>
    public int Count
    {
        get
        {
            int count = 0;
            for (int i = 0; i < _entries.Length; i++)
                if (Volatile.Read(ref _entries[i]) is not null) count++;
            return count;
        }
    }

    /// <summary>The reference remembered for <paramref name="path"/>, if any.</summary>
    public bool TryGet(string path, out IActorRef actor)
    {
        var entry = Volatile.Read(ref _entries[Slot(path, out _)]);
        if (entry is not null && (ReferenceEquals(entry.Path, path) || string.Equals(entry.Path, path, StringComparison.Ordinal)))
        {
            actor = entry.Actor;
            return true;
        }
        actor = null!;
        return false;
    }

    /// <summary>Offers a resolved reference; it is kept if its path was offered before and still owns the slot's mark.</summary>
    public void Offer(string path, IActorRef actor)
    {
        int slot = Slot(path, out int mark);
        if (Volatile.Read(ref _seen[slot]) != mark)
        {
            Volatile.Write(ref _seen[slot], mark);
            return;
        }
        Volatile.Write(ref _entries[slot], new Entry(path, actor));
    }

    /// <summary>Forgets <paramref name="path"/> if it is remembered (its actor turned out to be gone).</summary>
    public void Forget(string path)
    {
        int slot = Slot(path, out _);
        var entry = Volatile.Read(ref _entries[slot]);
        if (entry is not null && string.Equals(entry.Path, path, StringComparison.Ordinal))
            Interlocked.CompareExchange(ref _entries[slot], null, entry);
    }

    /// <summary>Forgets everything, e.g. when a remote system restarted or was quarantined.</summary>
    public void Clear()
    {
        for (int i = 0; i < _entries.Length; i++)
        {
            Volatile.Write(ref _entries[i], null);
            Volatile.Write(ref _seen[i], 0);
        }
    }

    private int Slot(string path, out int mark)
    {
        // The last eight characters and the length: paths to different actors differ at the end (name, #uid).
        var chars = MemoryMarshal.AsBytes(path.AsSpan());
        ulong tail = chars.Length >= 16
            ? MemoryMarshal.Read<ulong>(chars[^16..]) ^ (MemoryMarshal.Read<ulong>(chars[^8..]) * 0x9E3779B97F4A7C15UL)
            : (ulong)string.GetHashCode(path.AsSpan());
        ulong mixed = (tail ^ (ulong)path.Length) * 0xBF58476D1CE4E5B9UL;
        mark = (int)mixed | 1;
        return (int)(mixed >> _shift);
    }

    private sealed record Entry(string Path, IActorRef Actor);
}
