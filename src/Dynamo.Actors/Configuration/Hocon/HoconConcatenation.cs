namespace Dynamo.Actors.Configuration.Hocon;

/// <summary>
/// Values written next to each other on one line (<c>foo bar</c>, <c>${base} { x = 1 }</c>,
/// <c>[1] [2]</c>) that could not be joined at parse time because some part is a substitution.
/// </summary>
internal sealed class HoconConcatenation : HoconValue
{
    public HoconConcatenation(IReadOnlyList<HoconValue> parts, ConfigOrigin origin)
        : base(origin)
    {
        Parts = parts;
    }

    /// <summary>The parts in written order, with whitespace between them as separator scalars.</summary>
    public IReadOnlyList<HoconValue> Parts { get; }

    public override bool IsResolved => false;

    public override string Describe() => "a concatenation";

    /// <summary>
    /// Joins resolved parts: strings join into one string (whitespace kept), arrays into one
    /// array, objects merge with later parts winning. Mixing kinds is an error.
    /// </summary>
    /// <returns>The joined value, or null when there are no parts (all were undefined).</returns>
    public static HoconValue? Join(IReadOnlyList<HoconValue> parts, ConfigOrigin origin, string key)
    {
        if (parts.Count == 0) return null;
        if (parts.Count == 1) return parts[0];
        var values = parts.Where(p => p is not HoconScalar { IsSeparator: true }).ToList();
        if (values.Count == 0) return new HoconScalar(string.Concat(parts.Select(p => ((HoconScalar)p).Text)), origin);

        var first = values[0];
        foreach (var part in values)
        {
            if (Kind(part) != Kind(first))
            {
                throw new ConfigurationException(part.Origin,
                    $"cannot concatenate {first.Describe()} and {part.Describe()} in the value of '{key}'", key);
            }
        }

        switch (first)
        {
            case HoconObject:
                var merged = (HoconObject)values[^1];
                for (int i = values.Count - 2; i >= 0; i--) merged = HoconMerge.MergeObjects(merged, (HoconObject)values[i]);
                return new HoconObject(merged.Fields, origin);
            case HoconArray:
                return new HoconArray(values.SelectMany(v => ((HoconArray)v).Items).ToList(), origin);
            default:
                return new HoconScalar(string.Concat(parts.Select(p => ((HoconScalar)p).Text ?? "null")), origin);
        }
    }

    private static int Kind(HoconValue value) => value switch
    {
        HoconObject => 1,
        HoconArray => 2,
        _ => 3,
    };
}
