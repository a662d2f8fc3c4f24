namespace Dynamo.Actors.Configuration.Hocon;

/// <summary>
/// The one merge rule of HOCON, used for duplicate keys in a file, for includes and for
/// <see cref="Config.WithFallback"/>: objects merge field by field, anything else in front hides
/// what is behind it, and where a substitution makes the outcome unknowable yet, the
/// definitions are kept side by side until resolution.
/// </summary>
internal static class HoconMerge
{
    /// <summary>Merges <paramref name="top"/> over <paramref name="fallback"/>.</summary>
    public static HoconValue Merge(HoconValue top, HoconValue fallback)
    {
        if (top is HoconObject topObject && fallback is HoconObject fallbackObject)
            return MergeObjects(topObject, fallbackObject);
        if (top.IsResolved && top is not HoconObject) return top;
        if (top is HoconObject && fallback.IsResolved) return top;
        return new HoconDelayedMerge([.. Layers(top), .. Layers(fallback)], top.Origin);
    }

    /// <summary>Deep-merges two objects; fields of <paramref name="top"/> win.</summary>
    public static HoconObject MergeObjects(HoconObject top, HoconObject fallback)
    {
        if (top.Count == 0 && fallback.Count == 0) return top;
        var fields = new List<KeyValuePair<string, HoconValue>>(fallback.Count + top.Count);
        foreach (var (key, value) in fallback.Fields)
            fields.Add(new(key, top.TryGet(key, out var over) ? Merge(over, value) : value));
        foreach (var (key, value) in top.Fields)
            if (!fallback.TryGet(key, out _)) fields.Add(new(key, value));
        return new HoconObject(fields, top.Origin);
    }

    private static IEnumerable<HoconValue> Layers(HoconValue value) =>
        value is HoconDelayedMerge delayed ? delayed.Layers : [value];
}
