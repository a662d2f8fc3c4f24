namespace Dynamo.Actors.Configuration.Hocon;

/// <summary>
/// A set of named fields. Field order is the order keys were first written, so printed
/// configuration reads like the files it came from.
/// </summary>
internal sealed class HoconObject : HoconValue
{
    private readonly Dictionary<string, HoconValue> _fields;
    private readonly string[] _keys;

    public HoconObject(IEnumerable<KeyValuePair<string, HoconValue>> fields, ConfigOrigin origin)
        : base(origin)
    {
        _fields = new Dictionary<string, HoconValue>(StringComparer.Ordinal);
        var keys = new List<string>();
        foreach (var (key, value) in fields)
        {
            if (!_fields.ContainsKey(key)) keys.Add(key);
            _fields[key] = value;
        }
        _keys = keys.ToArray();
        IsResolved = _fields.Values.All(v => v.IsResolved);
    }

    /// <summary>An object with no fields.</summary>
    public static HoconObject Empty(ConfigOrigin origin) => new([], origin);

    /// <summary>Field names in the order they were first written.</summary>
    public IReadOnlyList<string> Keys => _keys;

    /// <summary>Fields in the order they were first written.</summary>
    public IEnumerable<KeyValuePair<string, HoconValue>> Fields =>
        _keys.Select(k => new KeyValuePair<string, HoconValue>(k, _fields[k]));

    public int Count => _keys.Length;

    public bool TryGet(string key, out HoconValue value) => _fields.TryGetValue(key, out value!);

    public override bool IsResolved { get; }

    public override string Describe() => "an object";
}
