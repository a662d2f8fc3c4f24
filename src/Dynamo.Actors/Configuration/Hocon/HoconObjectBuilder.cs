namespace Dynamo.Actors.Configuration.Hocon;

/// <summary>
/// Collects the fields of one object while it is parsed; a key written twice is merged with
/// its earlier definition as it arrives, so later definitions win.
/// </summary>
internal sealed class HoconObjectBuilder
{
    private readonly List<KeyValuePair<string, HoconValue>> _fields = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public void Add(string key, HoconValue value)
    {
        if (_index.TryGetValue(key, out int at))
        {
            _fields[at] = new(key, HoconMerge.Merge(value, _fields[at].Value));
            return;
        }
        _index[key] = _fields.Count;
        _fields.Add(new(key, value));
    }

    public HoconObject Build(ConfigOrigin origin) => new(_fields, origin);
}
