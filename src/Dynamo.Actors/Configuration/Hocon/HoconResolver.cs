namespace Dynamo.Actors.Configuration.Hocon;

/// <summary>
/// Replaces every substitution in a merged tree with the value it names, joins concatenations
/// and settles delayed merges. Each absolute path is resolved once; a substitution that needs
/// a path already being resolved closes a cycle and is reported with the whole chain.
/// </summary>
internal sealed class HoconResolver
{
    private readonly HoconObject _root;
    private readonly Func<string, string?> _environment;
    private readonly Dictionary<string, HoconValue?> _done = new(StringComparer.Ordinal);
    private readonly List<string> _inProgress = [];

    private HoconResolver(HoconObject root, Func<string, string?> environment)
    {
        _root = root;
        _environment = environment;
    }

    /// <summary>Resolves the whole tree against itself, falling back to <paramref name="environment"/> for absent paths.</summary>
    public static HoconObject Resolve(HoconObject root, Func<string, string?> environment) =>
        root.IsResolved ? root : new HoconResolver(root, environment).ResolveObject(root, [], canonical: true, previous: null);

    /// <summary>
    /// The field being defined, and what it held before this definition (the lower layers of a
    /// merge), which a self-reference (<c>a = ${a} x</c>) reads instead of the field itself.
    /// </summary>
    private readonly record struct Scope(IReadOnlyList<string> FieldPath, HoconValue? Previous);

    /// <summary>
    /// Resolves the fields of an object. When the object sits in the root tree at its path
    /// (canonical), its fields are the final values of their paths and are cached; inside a
    /// layer of a delayed merge they are not, and <c>previous</c> is the layers beneath.
    /// </summary>
    private HoconObject ResolveObject(HoconObject obj, IReadOnlyList<string> path, bool canonical, HoconObject? previous)
    {
        if (obj.IsResolved) return obj;
        var fields = new List<KeyValuePair<string, HoconValue>>(obj.Count);
        foreach (var (key, value) in obj.Fields)
        {
            IReadOnlyList<string> childPath = [.. path, key];
            HoconValue? before = null;
            previous?.TryGet(key, out before);
            var resolved = canonical ? ResolveAtPath(childPath, value, via: null) : ResolveValue(value, new Scope(childPath, before));
            if (resolved is not null) fields.Add(new(key, resolved));
        }
        return new HoconObject(fields, obj.Origin);
    }

    /// <summary>Resolves the value that the root tree holds at <paramref name="path"/>, once.</summary>
    private HoconValue? ResolveAtPath(IReadOnlyList<string> path, HoconValue value, HoconSubstitution? via)
    {
        if (value.IsResolved) return value;
        string key = ConfigPath.Render(path);
        if (_done.TryGetValue(key, out var done)) return done;
        int cycleStart = _inProgress.IndexOf(key);
        if (cycleStart >= 0)
        {
            var chain = string.Join(" -> ", _inProgress.Skip(cycleStart).Append(key));
            var at = via?.Origin ?? value.Origin;
            throw new ConfigurationException(at, $"substitution cycle: {chain} (each value needs the next one to be resolved first)", key);
        }
        _inProgress.Add(key);
        try
        {
            var resolved = value is HoconObject obj
                ? ResolveObject(obj, path, canonical: true, previous: null)
                : ResolveValue(value, new Scope(path, null));
            _done[key] = resolved;
            return resolved;
        }
        finally
        {
            _inProgress.RemoveAt(_inProgress.Count - 1);
        }
    }

    private HoconValue? ResolveValue(HoconValue value, Scope scope)
    {
        if (value.IsResolved) return value;
        switch (value)
        {
            case HoconObject obj:
                return ResolveObject(obj, scope.FieldPath, canonical: false, scope.Previous as HoconObject);
            case HoconArray array:
                var items = new List<HoconValue>(array.Items.Count);
                foreach (var item in array.Items)
                    if (ResolveValue(item, scope) is { } resolvedItem) items.Add(resolvedItem);
                return new HoconArray(items, array.Origin);
            case HoconSubstitution substitution:
                return ResolveSubstitution(substitution, scope);
            case HoconConcatenation concatenation:
                var parts = new List<HoconValue>(concatenation.Parts.Count);
                foreach (var part in concatenation.Parts)
                    if (ResolveValue(part, scope) is { } resolvedPart) parts.Add(resolvedPart);
                return HoconConcatenation.Join(parts, concatenation.Origin, ConfigPath.Render(scope.FieldPath));
            case HoconDelayedMerge merge:
                // Bottom layer first, so each layer's self-references see everything beneath it.
                var accumulated = scope.Previous;
                for (int i = merge.Layers.Count - 1; i >= 0; i--)
                {
                    var layer = ResolveValue(merge.Layers[i], scope with { Previous = accumulated });
                    if (layer is null) continue;
                    accumulated = layer is HoconObject top && accumulated is HoconObject below
                        ? HoconMerge.MergeObjects(top, below)
                        : layer;
                }
                return accumulated;
            default:
                throw new InvalidOperationException($"unknown HOCON node {value.GetType().Name}");
        }
    }

    private HoconValue? ResolveSubstitution(HoconSubstitution substitution, Scope scope)
    {
        bool selfReference = StartsWith(substitution.Path, scope.FieldPath);
        var found = selfReference
            ? Descend(scope.Previous, substitution.Path.Skip(scope.FieldPath.Count))
            : Lookup(substitution);
        if (found is not null) return found;

        if (substitution.EnvironmentName is { } name && _environment(name) is { } fromEnvironment)
            return new HoconScalar(fromEnvironment, substitution.Origin);
        if (substitution.Optional) return null;

        string field = ConfigPath.Render(scope.FieldPath);
        string target = ConfigPath.Render(substitution.Path);
        string problem = selfReference
            ? $"{substitution} in the value of '{field}' refers to '{target}' itself, which has no earlier value to build on"
            : $"{substitution} in the value of '{field}' cannot be resolved: key '{target}' not found and no environment variable '{substitution.EnvironmentName}' is set";
        throw new ConfigurationException(substitution.Origin, problem, field);
    }

    /// <summary>Finds the final value of a path in the root, resolving only what lies on the way.</summary>
    private HoconValue? Lookup(HoconSubstitution substitution)
    {
        HoconValue current = _root;
        var path = substitution.Path;
        for (int i = 0; i < path.Count; i++)
        {
            if (current is not HoconObject obj || !obj.TryGet(path[i], out var child)) return null;
            bool last = i == path.Count - 1;
            if (child.IsResolved || (!last && child is HoconObject))
            {
                current = child;
                continue;
            }
            var resolved = ResolveAtPath(path.Take(i + 1).ToList(), child, substitution);
            if (resolved is null) return null;
            current = resolved;
        }
        return current is HoconScalar { IsNull: true } ? null : current;
    }

    private static HoconValue? Descend(HoconValue? from, IEnumerable<string> rest)
    {
        var current = from;
        foreach (string segment in rest)
        {
            if (current is not HoconObject obj || !obj.TryGet(segment, out var child)) return null;
            current = child;
        }
        return current is HoconScalar { IsNull: true } ? null : current;
    }

    private static bool StartsWith(IReadOnlyList<string> path, IReadOnlyList<string> prefix)
    {
        if (prefix.Count == 0 || path.Count < prefix.Count) return false;
        for (int i = 0; i < prefix.Count; i++)
            if (!string.Equals(path[i], prefix[i], StringComparison.Ordinal)) return false;
        return true;
    }
}
