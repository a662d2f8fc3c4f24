namespace Dynamo.Actors.Configuration.Hocon;

/// <summary>
/// Collects the fields of one object while it is parsed; a key written twice is merged with
/// its earlier definition as it arrives, so later definitions win. Objects defined repeatedly
/// (<c>a.b.x = 1</c>, <c>a.b.y = 2</c>, ...) are merged into nested builders in place, so a long
/// file of dotted keys parses in linear time rather than copying the subtree on every line.
/// </summary>
internal sealed class HoconObjectBuilder
{
    private readonly List<string> _keys = [];
    private readonly Dictionary<string, HoconValue> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HoconObjectBuilder> _children = new(StringComparer.Ordinal);
    private ConfigOrigin? _origin;

    public void Add(string key, HoconValue value)
    {
        if (_children.TryGetValue(key, out var child))
        {
            if (value is HoconObject obj)
            {
                child.AddAll(obj);
                return;
            }
            _children.Remove(key);
            _values[key] = HoconMerge.Merge(value, child.Build(child._origin!));
            return;
        }
        if (!_values.TryGetValue(key, out var existing))
        {
            _keys.Add(key);
            _values[key] = value;
            return;
        }
        if (value is HoconObject over && existing is HoconObject under)
        {
            child = new HoconObjectBuilder();
            child.AddAll(under);
            child.AddAll(over);
            _values.Remove(key);
            _children[key] = child;
            return;
        }
        _values[key] = HoconMerge.Merge(value, existing);
    }

    public HoconObject Build(ConfigOrigin origin) =>
        new(_keys.Select(k => new KeyValuePair<string, HoconValue>(k, _children.TryGetValue(k, out var child) ? child.Build(child._origin!) : _values[k])), origin);

    private void AddAll(HoconObject obj)
    {
        // The latest definition names the object, as HoconMerge.MergeObjects does.
        _origin = obj.Origin;
        foreach (var (key, value) in obj.Fields) Add(key, value);
    }
}
