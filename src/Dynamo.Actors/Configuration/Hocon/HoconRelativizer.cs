namespace Dynamo.Actors.Configuration.Hocon;

/// <summary>
/// Rewrites substitutions of an included file so they point where the file was included:
/// <c>${x}</c> in a file included inside <c>a { include "f" }</c> means <c>${a.x}</c>, as the spec says.
/// </summary>
internal static class HoconRelativizer
{
    public static HoconValue Relativize(HoconValue value, IReadOnlyList<string> prefix)
    {
        if (value.IsResolved || prefix.Count == 0) return value;
        return value switch
        {
            HoconSubstitution s => s.WithPrefix(prefix),
            HoconObject o => new HoconObject(o.Fields.Select(f => new KeyValuePair<string, HoconValue>(f.Key, Relativize(f.Value, prefix))), o.Origin),
            HoconArray a => new HoconArray(a.Items.Select(i => Relativize(i, prefix)).ToList(), a.Origin),
            HoconConcatenation c => new HoconConcatenation(c.Parts.Select(p => Relativize(p, prefix)).ToList(), c.Origin),
            HoconDelayedMerge m => new HoconDelayedMerge(m.Layers.Select(l => Relativize(l, prefix)).ToList(), m.Origin),
            _ => value,
        };
    }
}
