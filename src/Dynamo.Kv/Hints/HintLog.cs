using System.Collections.Immutable;

namespace Dynamo.Kv.Hints;

/// <summary>
/// The hints a <see cref="HintedHandoff"/> holds, in memory: per owner by id (delivery takes the oldest first), and
/// per owner, partition and key (what a <see cref="HintedGet"/> merges, and what a new hint is checked against).
/// The journal is the durable copy; this is rebuilt from it on recovery.
/// </summary>
internal sealed class HintLog
{
    private readonly Dictionary<long, HintAdded> _byId = [];
    private readonly Dictionary<string, SortedDictionary<long, HintAdded>> _byOwner = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Owner, int Partition, string Key), List<long>> _byKey = [];

    /// <summary>The hints held, for every owner together.</summary>
    public int Count => _byId.Count;

    /// <summary>The owners with at least one hint waiting.</summary>
    public IEnumerable<string> Owners => _byOwner.Keys;

    /// <summary>Adds <paramref name="hint"/>; ids arrive in ascending order, so a key's list stays ordered.</summary>
    public void Add(HintAdded hint)
    {
        if (!_byId.TryAdd(hint.Id, hint)) return;
        if (!_byOwner.TryGetValue(hint.Owner, out var owned))
        {
            owned = [];
            _byOwner[hint.Owner] = owned;
        }
        owned[hint.Id] = hint;
        var key = KeyOf(hint.Owner, hint.Partition, hint.Key);
        if (!_byKey.TryGetValue(key, out var ids))
        {
            ids = [];
            _byKey[key] = ids;
        }
        ids.Add(hint.Id);
    }

    /// <summary>Removes the hints of <paramref name="ids"/> that are here; returns how many were.</summary>
    public int Remove(IEnumerable<long> ids)
    {
        var removed = 0;
        foreach (var id in ids)
        {
            if (!_byId.Remove(id, out var hint)) continue;
            removed++;
            var owned = _byOwner[hint.Owner];
            owned.Remove(id);
            if (owned.Count == 0) _byOwner.Remove(hint.Owner);
            var key = KeyOf(hint.Owner, hint.Partition, hint.Key);
            var keyIds = _byKey[key];
            keyIds.Remove(id);
            if (keyIds.Count == 0) _byKey.Remove(key);
        }
        return removed;
    }

    /// <summary>Every hint for <paramref name="owner"/> of <paramref name="storageKey"/> in <paramref name="partition"/>, by id.</summary>
    public IReadOnlyList<HintAdded> ForKey(string owner, int partition, byte[] storageKey) =>
        _byKey.TryGetValue(KeyOf(owner, partition, storageKey), out var ids) ? [.. ids.Select(id => _byId[id])] : [];

    /// <summary>Up to <paramref name="limit"/> of <paramref name="owner"/>'s hints, oldest first.</summary>
    public IReadOnlyList<HintAdded> Oldest(string owner, int limit) =>
        _byOwner.TryGetValue(owner, out var owned) ? [.. owned.Values.Take(limit)] : [];

    /// <summary>Hints waiting per owner (owners with none left out).</summary>
    public ImmutableSortedDictionary<string, long> Pending() =>
        _byOwner.ToImmutableSortedDictionary(o => o.Key, o => (long)o.Value.Count, StringComparer.Ordinal);

    /// <summary>Every hint, by id: the content of a snapshot.</summary>
    public IReadOnlyList<HintAdded> All() => [.. _byId.Values.OrderBy(h => h.Id)];

    /// <summary>Forgets every hint (a snapshot replaces what was recovered before it).</summary>
    public void Clear()
    {
        _byId.Clear();
        _byOwner.Clear();
        _byKey.Clear();
    }

    private static (string, int, string) KeyOf(string owner, int partition, byte[] storageKey) =>
        (owner, partition, Convert.ToHexString(storageKey));
}
