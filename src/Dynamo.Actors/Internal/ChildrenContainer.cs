using Dynamo.Actors.Supervision;

namespace Dynamo.Actors.Internal;

/// <summary>
/// A parent's children by name, with their restart statistics and whether they are stopping. Locked because
/// top-level actors are created on the guardian from any thread; a name stays taken until the child has stopped.
/// </summary>
internal sealed class ChildrenContainer
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _byName;
    private readonly Dictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private bool _closed;

    public ChildrenContainer()
    {
        _byName = new Dictionary<string, Entry>(StringComparer.Ordinal);
        _bySpan = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private sealed class Entry(LocalActorRef child)
    {
        public LocalActorRef Child { get; } = child;
        public ChildRestartStats Stats { get; } = new(child);
        public bool Stopping { get; set; }
    }

    /// <summary>Adds <paramref name="child"/> under <paramref name="name"/> unless the name is taken or the parent is stopping.</summary>
    public void Add(string name, ActorPath parentPath, LocalActorRef child)
    {
        lock (_gate)
        {
            if (_closed) throw new InvalidOperationException($"{parentPath} is stopping and cannot create the child [{name}].");
            if (!_byName.TryAdd(name, new Entry(child))) throw new InvalidActorNameException($"Actor name [{name}] is not unique among the children of {parentPath}.");
        }
    }

    public LocalActorRef? Get(string name)
    {
        lock (_gate) return _byName.TryGetValue(name, out var e) ? e.Child : null;
    }

    /// <summary>The child named <paramref name="name"/>, looked up without making a string of it (inbound paths are resolved this way).</summary>
    public LocalActorRef? Get(ReadOnlySpan<char> name)
    {
        lock (_gate) return _bySpan.TryGetValue(name, out var e) ? e.Child : null;
    }

    public bool Contains(IActorRef child)
    {
        lock (_gate) return _byName.TryGetValue(child.Path.Name, out var e) && e.Child.Equals(child);
    }

    public IReadOnlyList<LocalActorRef> Live()
    {
        lock (_gate) return _byName.Values.Where(e => !e.Stopping).Select(e => e.Child).ToArray();
    }

    public IReadOnlyList<LocalActorRef> All()
    {
        lock (_gate) return _byName.Values.Select(e => e.Child).ToArray();
    }

    /// <summary>Names matching a wildcard pattern (<c>*</c> any run, <c>?</c> one character).</summary>
    public IReadOnlyList<LocalActorRef> Matching(string pattern)
    {
        lock (_gate) return _byName.Values.Where(e => Wildcard.IsMatch(e.Child.Path.Name, pattern)).Select(e => e.Child).ToArray();
    }

    public ChildRestartStats? StatsOf(IActorRef child)
    {
        lock (_gate) return _byName.TryGetValue(child.Path.Name, out var e) && e.Child.Equals(child) ? e.Stats : null;
    }

    public IReadOnlyList<ChildRestartStats> LiveStats()
    {
        lock (_gate) return _byName.Values.Where(e => !e.Stopping).Select(e => e.Stats).ToArray();
    }

    /// <summary>Marks a child as stopping; false if it is not a child.</summary>
    public bool MarkStopping(IActorRef child)
    {
        lock (_gate)
        {
            if (!_byName.TryGetValue(child.Path.Name, out var e) || !e.Child.Equals(child)) return false;
            e.Stopping = true;
            return true;
        }
    }

    /// <summary>Refuses new children and marks all as stopping; returns them.</summary>
    public IReadOnlyList<LocalActorRef> CloseAndStopAll()
    {
        lock (_gate)
        {
            _closed = true;
            foreach (var e in _byName.Values) e.Stopping = true;
            return _byName.Values.Select(e => e.Child).ToArray();
        }
    }

    /// <summary>Forgets a child that has terminated; false if it was not (or no longer) a child.</summary>
    public bool Remove(IActorRef child)
    {
        lock (_gate)
        {
            if (!_byName.TryGetValue(child.Path.Name, out var e) || !e.Child.Equals(child)) return false;
            _byName.Remove(child.Path.Name);
            return true;
        }
    }

    public bool IsEmpty
    {
        get { lock (_gate) return _byName.Count == 0; }
    }

    public bool AnyStopping
    {
        get { lock (_gate) return _byName.Values.Any(e => e.Stopping); }
    }
}
