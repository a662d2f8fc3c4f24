using System.Collections.Immutable;

namespace Dynamo.Actors.Cluster;

/// <summary>
/// The cluster's reachability table: for each observer, what its failure detector thinks of other nodes,
/// with one version per observer so that two tables merge without coordination (the newer version of each
/// observer's rows wins). Immutable.
/// </summary>
/// <remarks>
/// A node is unreachable when any observer says so; it is reachable again only when every observer that
/// said so has taken it back. An observer's rows are dropped once they are all Reachable again, which keeps
/// the table as small as the trouble in the cluster (Akka does the same).
/// </remarks>
public sealed class Reachability
{
    private static readonly ImmutableSortedDictionary<UniqueAddress, ReachabilityRecord> NoRows =
        ImmutableSortedDictionary.Create<UniqueAddress, ReachabilityRecord>();

    /// <summary>The table in which every node is reachable.</summary>
    public static readonly Reachability Empty = new(
        ImmutableSortedDictionary.Create<UniqueAddress, ImmutableSortedDictionary<UniqueAddress, ReachabilityRecord>>(),
        ImmutableSortedDictionary.Create<UniqueAddress, long>());

    private readonly ImmutableSortedDictionary<UniqueAddress, ImmutableSortedDictionary<UniqueAddress, ReachabilityRecord>> _rows;

    private Reachability(
        ImmutableSortedDictionary<UniqueAddress, ImmutableSortedDictionary<UniqueAddress, ReachabilityRecord>> rows,
        ImmutableSortedDictionary<UniqueAddress, long> versions)
    {
        _rows = rows;
        Versions = versions;
    }

    /// <summary>Each observer's current table version.</summary>
    public ImmutableSortedDictionary<UniqueAddress, long> Versions { get; }

    /// <summary>Every row, ordered by observer then subject.</summary>
    public IEnumerable<ReachabilityRecord> Records => _rows.Values.SelectMany(r => r.Values);

    /// <summary>True when no observer reports any subject unreachable or terminated.</summary>
    public bool IsAllReachable => _rows.Values.All(r => r.Values.All(rec => rec.Status == ReachabilityStatus.Reachable));

    /// <summary>Rebuilds a table from its rows and versions (deserialization).</summary>
    /// <exception cref="ArgumentException">A row is duplicated, observes itself, or is newer than its observer's version.</exception>
    public static Reachability Create(IEnumerable<ReachabilityRecord> records, IEnumerable<KeyValuePair<UniqueAddress, long>> versions)
    {
        var v = ImmutableSortedDictionary.CreateBuilder<UniqueAddress, long>();
        foreach (var (observer, version) in versions)
        {
            if (version <= 0) throw new ArgumentException($"Reachability version of {observer} must be positive, was {version}.", nameof(versions));
            if (!v.TryAdd(observer, version)) throw new ArgumentException($"Reachability version of {observer} appears twice.", nameof(versions));
        }
        var rows = ImmutableSortedDictionary.CreateBuilder<UniqueAddress, ImmutableSortedDictionary<UniqueAddress, ReachabilityRecord>>();
        foreach (var record in records)
        {
            if (record.Observer.Equals(record.Subject))
                throw new ArgumentException($"Reachability row has {record.Observer} observing itself.", nameof(records));
            if (!v.TryGetValue(record.Observer, out var observerVersion) || record.Version > observerVersion || record.Version <= 0)
                throw new ArgumentException($"Reachability row {record.Observer} -> {record.Subject} has version {record.Version} outside the observer's version.", nameof(records));
            var row = rows.TryGetValue(record.Observer, out var existing) ? existing : NoRows;
            if (row.ContainsKey(record.Subject))
                throw new ArgumentException($"Reachability row {record.Observer} -> {record.Subject} appears twice.", nameof(records));
            rows[record.Observer] = row.Add(record.Subject, record);
        }
        return new Reachability(rows.ToImmutable(), v.ToImmutable());
    }

    /// <summary>The table with <paramref name="observer"/> reporting <paramref name="subject"/> unreachable.</summary>
    public Reachability Unreachable(UniqueAddress observer, UniqueAddress subject) => Change(observer, subject, ReachabilityStatus.Unreachable);

    /// <summary>The table with <paramref name="observer"/> reporting <paramref name="subject"/> reachable again.</summary>
    public Reachability Reachable(UniqueAddress observer, UniqueAddress subject) => Change(observer, subject, ReachabilityStatus.Reachable);

    /// <summary>The table with <paramref name="observer"/> reporting <paramref name="subject"/>'s incarnation gone for good.</summary>
    public Reachability Terminated(UniqueAddress observer, UniqueAddress subject) => Change(observer, subject, ReachabilityStatus.Terminated);

    private Reachability Change(UniqueAddress observer, UniqueAddress subject, ReachabilityStatus status)
    {
        ArgumentNullException.ThrowIfNull(observer);
        ArgumentNullException.ThrowIfNull(subject);
        if (observer.Equals(subject))
            throw new ArgumentException($"{observer} cannot report on its own reachability.", nameof(subject));
        long next = CurrentVersion(observer) + 1;
        var newVersions = Versions.SetItem(observer, next);
        var record = new ReachabilityRecord(observer, subject, status, next);

        if (!_rows.TryGetValue(observer, out var row))
        {
            // An observer with no rows already thinks everyone is reachable.
            return status == ReachabilityStatus.Reachable ? this : new Reachability(_rows.Add(observer, NoRows.Add(subject, record)), newVersions);
        }
        if (row.TryGetValue(subject, out var old))
        {
            // Terminated is final for an incarnation; repeating an observation changes nothing.
            if (old.Status == ReachabilityStatus.Terminated || old.Status == status) return this;
        }
        else if (status == ReachabilityStatus.Reachable)
        {
            return this;
        }
        var newRow = row.SetItem(subject, record);
        if (newRow.Values.All(r => r.Status == ReachabilityStatus.Reachable))
            return new Reachability(_rows.Remove(observer), newVersions);
        return new Reachability(_rows.SetItem(observer, newRow), newVersions);
    }

    /// <summary>
    /// Merges two tables, keeping only observers and subjects in <paramref name="allowed"/> (the current members).
    /// For each observer the rows of the higher version win; at equal versions the worse status of each
    /// subject wins, so the merge is commutative, associative and idempotent.
    /// </summary>
    public Reachability Merge(IEnumerable<UniqueAddress> allowed, Reachability other)
    {
        var allowedSet = allowed as ImmutableSortedSet<UniqueAddress> ?? allowed.ToImmutableSortedSet();
        var rows = ImmutableSortedDictionary.CreateBuilder<UniqueAddress, ImmutableSortedDictionary<UniqueAddress, ReachabilityRecord>>();
        var versions = ImmutableSortedDictionary.CreateBuilder<UniqueAddress, long>();
        foreach (var observer in allowedSet)
        {
            long v1 = CurrentVersion(observer), v2 = other.CurrentVersion(observer);
            if (v1 == 0 && v2 == 0) continue;
            var rows1 = _rows.GetValueOrDefault(observer, NoRows);
            var rows2 = other._rows.GetValueOrDefault(observer, NoRows);
            var chosen = v1 > v2 ? rows1 : v2 > v1 ? rows2 : WorstOfEach(rows1, rows2);
            var kept = chosen.Where(kv => allowedSet.Contains(kv.Key)).ToImmutableSortedDictionary();
            if (!kept.IsEmpty && !kept.Values.All(r => r.Status == ReachabilityStatus.Reachable)) rows[observer] = kept;
            versions[observer] = Math.Max(v1, v2);
        }
        return new Reachability(rows.ToImmutable(), versions.ToImmutable());
    }

    private static ImmutableSortedDictionary<UniqueAddress, ReachabilityRecord> WorstOfEach(
        ImmutableSortedDictionary<UniqueAddress, ReachabilityRecord> a, ImmutableSortedDictionary<UniqueAddress, ReachabilityRecord> b)
    {
        var result = a;
        foreach (var (subject, record) in b)
        {
            if (!result.TryGetValue(subject, out var mine) || (record.Status, record.Version).CompareTo((mine.Status, mine.Version)) > 0)
                result = result.SetItem(subject, record);
        }
        return result;
    }

    /// <summary>The table without any row or version that has one of <paramref name="nodes"/> as observer or subject.</summary>
    public Reachability Remove(IEnumerable<UniqueAddress> nodes)
    {
        var gone = nodes.ToImmutableHashSet();
        if (gone.IsEmpty) return this;
        var rows = ImmutableSortedDictionary.CreateBuilder<UniqueAddress, ImmutableSortedDictionary<UniqueAddress, ReachabilityRecord>>();
        foreach (var (observer, row) in _rows)
        {
            if (gone.Contains(observer)) continue;
            var kept = row.RemoveRange(gone);
            if (!kept.IsEmpty && !kept.Values.All(r => r.Status == ReachabilityStatus.Reachable)) rows[observer] = kept;
        }
        return new Reachability(rows.ToImmutable(), Versions.RemoveRange(gone));
    }

    /// <summary>The table without the observations made by <paramref name="observers"/> (e.g. by members that are Down).</summary>
    public Reachability RemoveObservers(IEnumerable<UniqueAddress> observers)
    {
        var gone = observers.ToImmutableHashSet();
        if (gone.IsEmpty || !gone.Any(Versions.ContainsKey)) return this;
        return new Reachability(_rows.RemoveRange(gone), Versions.RemoveRange(gone));
    }

    /// <summary>The observer's table version; zero when it never reported anything.</summary>
    public long CurrentVersion(UniqueAddress observer) => Versions.GetValueOrDefault(observer);

    /// <summary>What <paramref name="observer"/> reports about <paramref name="subject"/>.</summary>
    public ReachabilityStatus Status(UniqueAddress observer, UniqueAddress subject) =>
        _rows.TryGetValue(observer, out var row) && row.TryGetValue(subject, out var record) ? record.Status : ReachabilityStatus.Reachable;

    /// <summary>The cluster's verdict on <paramref name="subject"/>: Terminated if anyone says so, else Unreachable if anyone says so.</summary>
    public ReachabilityStatus Status(UniqueAddress subject)
    {
        var worst = ReachabilityStatus.Reachable;
        foreach (var row in _rows.Values)
            if (row.TryGetValue(subject, out var record) && record.Status > worst) worst = record.Status;
        return worst;
    }

    /// <summary>True when no observer reports <paramref name="subject"/> unreachable or terminated.</summary>
    public bool IsReachable(UniqueAddress subject) => Status(subject) == ReachabilityStatus.Reachable;

    /// <summary>True when <paramref name="observer"/> does not report <paramref name="subject"/> unreachable or terminated.</summary>
    public bool IsReachable(UniqueAddress observer, UniqueAddress subject) => Status(observer, subject) == ReachabilityStatus.Reachable;

    /// <summary>Subjects some observer reports Unreachable (not those only reported Terminated).</summary>
    public ImmutableSortedSet<UniqueAddress> AllUnreachable => SubjectsWhere(s => s == ReachabilityStatus.Unreachable);

    /// <summary>Subjects some observer reports Unreachable or Terminated.</summary>
    public ImmutableSortedSet<UniqueAddress> AllUnreachableOrTerminated => SubjectsWhere(s => s != ReachabilityStatus.Reachable);

    /// <summary>Subjects <paramref name="observer"/> reports Unreachable.</summary>
    public ImmutableSortedSet<UniqueAddress> AllUnreachableFrom(UniqueAddress observer) =>
        _rows.TryGetValue(observer, out var row)
            ? row.Values.Where(r => r.Status == ReachabilityStatus.Unreachable).Select(r => r.Subject).ToImmutableSortedSet()
            : [];

    private ImmutableSortedSet<UniqueAddress> SubjectsWhere(Func<ReachabilityStatus, bool> predicate) =>
        _rows.Values.SelectMany(r => r.Values).Where(r => predicate(r.Status)).Select(r => r.Subject).ToImmutableSortedSet();

    /// <inheritdoc />
    public override string ToString() =>
        "Reachability(" + string.Join(", ", Records.Select(r => $"{r.Observer} -> {r.Subject}: {r.Status} @{r.Version}")) + ")";
}
