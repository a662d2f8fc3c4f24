using System.Globalization;
using Dynamo.Actors.Configuration.Hocon;

namespace Dynamo.Actors.Configuration;

/// <summary>
/// An immutable HOCON configuration tree, read with dotted paths (<c>dynamo.actor.ask-timeout</c>).
/// Substitutions are resolved on first read, after all fallbacks have been merged, so a file
/// may refer to keys that only its fallback defines.
/// </summary>
/// <remarks>
/// Getters without a default throw <see cref="ConfigurationException"/> naming the full key when
/// it is absent; every getter throws naming the key, the value and where it was written when
/// the value has the wrong type. A <c>null</c> value counts as absent.
/// </remarks>
public sealed class Config
{
    private readonly HoconObject _source;
    private readonly Lazy<HoconObject> _root;
    private readonly Func<string, string?> _environment;
    private readonly string _prefix;

    internal Config(HoconObject source, Func<string, string?> environment, string prefix = "")
    {
        _source = source;
        _environment = environment;
        _prefix = prefix;
        _root = new Lazy<HoconObject>(() => HoconResolver.Resolve(source, environment));
    }

    /// <summary>A configuration with no keys.</summary>
    public static Config Empty { get; } = new(HoconObject.Empty(new ConfigOrigin(null, 0, 0)), ProcessEnvironment);

    /// <summary>Immediate keys of the root object, in the order they were first written.</summary>
    public IEnumerable<string> Keys => Root.Keys;

    /// <summary>The resolved tree; resolving surfaces substitution errors.</summary>
    internal HoconObject Root => _root.Value;

    /// <summary>True when the path holds a value other than <c>null</c>.</summary>
    public bool HasPath(string path) => TryFind(path, throwOnNonObject: false) is not null;

    /// <summary>The value at <paramref name="path"/> as text; numbers and booleans give the text written.</summary>
    public string GetString(string path) => Text(Require(path), path, "a string");

    /// <summary>The value as text, or <paramref name="default"/> when the path is absent.</summary>
    public string GetString(string path, string @default) =>
        TryFind(path) is { } value ? Text(value, path, "a string") : @default;

    /// <summary>The value as a 32-bit integer.</summary>
    public int GetInt(string path) => ParseInt(Require(path), path);

    /// <summary>The value as a 32-bit integer, or <paramref name="default"/> when the path is absent.</summary>
    public int GetInt(string path, int @default) => TryFind(path) is { } value ? ParseInt(value, path) : @default;

    /// <summary>The value as a 64-bit integer.</summary>
    public long GetLong(string path) => ParseLong(Require(path), path);

    /// <summary>The value as a 64-bit integer, or <paramref name="default"/> when the path is absent.</summary>
    public long GetLong(string path, long @default) => TryFind(path) is { } value ? ParseLong(value, path) : @default;

    /// <summary>The value as a floating-point number.</summary>
    public double GetDouble(string path) => ParseDouble(Require(path), path);

    /// <summary>The value as a floating-point number, or <paramref name="default"/> when the path is absent.</summary>
    public double GetDouble(string path, double @default) => TryFind(path) is { } value ? ParseDouble(value, path) : @default;

    /// <summary>The value as a boolean: <c>true/false</c>, <c>on/off</c> or <c>yes/no</c>.</summary>
    public bool GetBoolean(string path) => ParseBoolean(Require(path), path);

    /// <summary>The value as a boolean, or <paramref name="default"/> when the path is absent.</summary>
    public bool GetBoolean(string path, bool @default) => TryFind(path) is { } value ? ParseBoolean(value, path) : @default;

    /// <summary>
    /// The value as a duration: <c>500ms</c>, <c>2 s</c>, <c>1 minute</c>, <c>3d</c> (ns, us, ms, s, m, h, d and
    /// their long forms); a bare number is milliseconds; <c>infinite</c> is <see cref="Timeout.InfiniteTimeSpan"/>.
    /// </summary>
    public TimeSpan GetTimeSpan(string path) => ParseTimeSpan(Require(path), path);

    /// <summary>The value as a duration, or <paramref name="default"/> when the path is absent.</summary>
    public TimeSpan GetTimeSpan(string path, TimeSpan @default) => TryFind(path) is { } value ? ParseTimeSpan(value, path) : @default;

    /// <summary>
    /// The value as a size in bytes: <c>1024</c>, <c>512k</c>, <c>64MiB</c>, <c>1 MB</c>. Single letters and
    /// "i" units are powers of 1024; <c>kB</c>, <c>KB</c>, <c>MB</c>, <c>GB</c> are powers of 1000.
    /// </summary>
    public long GetByteSize(string path) => ParseByteSize(Require(path), path);

    /// <summary>The value as a size in bytes, or <paramref name="default"/> when the path is absent.</summary>
    public long GetByteSize(string path, long @default) => TryFind(path) is { } value ? ParseByteSize(value, path) : @default;

    /// <summary>The value as a list of strings; every element must be a string, number or boolean.</summary>
    public IReadOnlyList<string> GetStringList(string path)
    {
        var value = Require(path);
        var array = value as HoconArray ?? throw WrongType(value, path, "a list");
        return array.Items.Select((item, i) => Text(item, $"{path}[{i}]", "a string")).ToList();
    }

    /// <summary>The value as a list of objects, each read as a <see cref="Config"/>.</summary>
    public IReadOnlyList<Config> GetConfigList(string path)
    {
        var value = Require(path);
        var array = value as HoconArray ?? throw WrongType(value, path, "a list of objects");
        return array.Items.Select((item, i) => item is HoconObject obj
                ? new Config(obj, _environment, ConfigPath.Join(_prefix, $"{path}[{i}]"))
                : throw WrongType(item, $"{path}[{i}]", "an object"))
            .ToList();
    }

    /// <summary>The object at <paramref name="path"/> as its own configuration; empty when the path is absent.</summary>
    public Config GetConfig(string path)
    {
        var value = TryFind(path);
        return value switch
        {
            null => new Config(HoconObject.Empty(new ConfigOrigin(null, 0, 0)), _environment, ConfigPath.Join(_prefix, path)),
            HoconObject obj => new Config(obj, _environment, ConfigPath.Join(_prefix, path)),
            _ => throw WrongType(value, path, "an object"),
        };
    }

    /// <summary>
    /// This configuration with <paramref name="fallback"/> filling its gaps: objects merge
    /// deeply, any other value here hides the fallback's. Substitutions of both are resolved
    /// against the merged whole.
    /// </summary>
    public Config WithFallback(Config fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return new Config(HoconMerge.MergeObjects(_source, fallback._source), _environment, _prefix);
    }

    /// <summary>
    /// Every leaf as dotted path and rendered HOCON value (lists and empty objects are leaves),
    /// in written order; for printing the effective configuration.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string>> Flatten()
    {
        var leaves = new List<KeyValuePair<string, string>>();
        Collect(Root, "", leaves);
        return leaves;
    }

    /// <summary>Where the value at <paramref name="path"/> was written; null when the path is absent.</summary>
    public ConfigOrigin? OriginOf(string path) => TryFind(path, throwOnNonObject: false)?.Origin;

    /// <summary>The resolved configuration rendered as HOCON, which parses back to an equal tree.</summary>
    public override string ToString() => HoconRenderer.Render(Root);

    /// <summary>Resolves now, so that a bad substitution fails at start rather than at first read.</summary>
    internal Config EnsureResolved()
    {
        _ = Root;
        return this;
    }

    /// <summary>The same tree resolving absent substitutions against another environment.</summary>
    internal Config WithEnvironment(Func<string, string?> environment) => new(_source, environment, _prefix);

    internal static string? ProcessEnvironment(string name) => Environment.GetEnvironmentVariable(name);

    private static void Collect(HoconObject obj, string prefix, List<KeyValuePair<string, string>> leaves)
    {
        foreach (var (key, value) in obj.Fields)
        {
            string path = ConfigPath.Join(prefix, ConfigPath.RenderSegment(key));
            if (value is HoconObject child && child.Count > 0) Collect(child, path, leaves);
            else leaves.Add(new(path, HoconRenderer.RenderValue(value)));
        }
    }

    private HoconValue Require(string path) =>
        TryFind(path) ?? throw new ConfigurationException(
            $"configuration key '{Full(path)}' not found", Full(path));

    private HoconValue? TryFind(string path, bool throwOnNonObject = true)
    {
        var segments = ConfigPath.Parse(path);
        HoconValue current = Root;
        for (int i = 0; i < segments.Count; i++)
        {
            if (current is not HoconObject obj)
            {
                if (!throwOnNonObject) return null;
                string parent = ConfigPath.Render(segments.Take(i));
                throw new ConfigurationException(current.Origin,
                    $"configuration key '{Full(parent)}' is {current.Describe()} ({Shown(current)}), not an object, so '{Full(path)}' cannot be read",
                    Full(path));
            }
            if (!obj.TryGet(segments[i], out var child)) return null;
            current = child;
        }
        return current is HoconScalar { IsNull: true } ? null : current;
    }

    // Single quotes make the bad value stand out in a sentence; anything else is shown as HOCON.
    private static string Shown(HoconValue value) =>
        value is HoconScalar { Text: { } text } ? $"'{text}'" : HoconRenderer.RenderValue(value);

    private string Full(string path) => ConfigPath.Join(_prefix, path);

    private string Text(HoconValue value, string path, string expected) =>
        value is HoconScalar { Text: { } text } ? text : throw WrongType(value, path, expected);

    private int ParseInt(HoconValue value, string path) =>
        int.TryParse(Text(value, path, "an integer"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int result)
            ? result
            : throw WrongType(value, path, $"an integer from {int.MinValue} to {int.MaxValue}");

    private long ParseLong(HoconValue value, string path) =>
        long.TryParse(Text(value, path, "an integer"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long result)
            ? result
            : throw WrongType(value, path, "a 64-bit integer");

    private double ParseDouble(HoconValue value, string path) =>
        double.TryParse(Text(value, path, "a number"), NumberStyles.Float, CultureInfo.InvariantCulture, out double result)
            ? result
            : throw WrongType(value, path, "a number");

    private bool ParseBoolean(HoconValue value, string path) =>
        Text(value, path, "a boolean").ToLowerInvariant() switch
        {
            "true" or "on" or "yes" => true,
            "false" or "off" or "no" => false,
            _ => throw WrongType(value, path, "a boolean (true/false, on/off, yes/no)"),
        };

    private TimeSpan ParseTimeSpan(HoconValue value, string path) =>
        HoconDuration.TryParse(Text(value, path, HoconDuration.Expected), out var result)
            ? result
            : throw WrongType(value, path, HoconDuration.Expected);

    private long ParseByteSize(HoconValue value, string path) =>
        HoconByteSize.TryParse(Text(value, path, HoconByteSize.Expected), out long result)
            ? result
            : throw WrongType(value, path, HoconByteSize.Expected);

    private ConfigurationException WrongType(HoconValue value, string path, string expected) =>
        new(value.Origin, $"configuration key '{Full(path)}' has value {Shown(value)}, expected {expected}", Full(path));
}
