using System.Collections;
using Dynamo.Actors.Configuration.Hocon;

namespace Dynamo.Actors.Configuration;

/// <summary>
/// Builds <see cref="Config"/> instances from HOCON text, files, the environment and the
/// built-in <c>reference.conf</c>, and layers them the way a node starts.
/// </summary>
public static class ConfigurationFactory
{
    private const string ReferenceResource = "reference.conf";

    /// <summary>
    /// Parses HOCON text. Substitutions are resolved on first read, so the result may still be
    /// given fallbacks that define what it refers to.
    /// </summary>
    /// <param name="hocon">The text.</param>
    /// <param name="originName">Name used in origins and error messages, e.g. a file name.</param>
    /// <param name="includeResolver">
    /// Returns the text of an included name, or null when it does not exist. A missing plain
    /// <c>include</c> is skipped, as the spec says; <c>include required(...)</c> fails. Without a
    /// resolver any <c>include</c> (other than <c>classpath(...)</c>) is an error.
    /// </param>
    /// <exception cref="ConfigurationException">The text is not valid HOCON.</exception>
    public static Config ParseString(string hocon, string? originName = null, Func<string, string?>? includeResolver = null)
    {
        ArgumentNullException.ThrowIfNull(hocon);
        var includes = includeResolver is null ? null : FromResolver(includeResolver);
        return new Config(HoconParser.Parse(new HoconSource(hocon, originName, includes)), Config.ProcessEnvironment);
    }

    /// <summary>Parses a HOCON file; its includes are found relative to the folder of the file that includes them.</summary>
    /// <exception cref="ConfigurationException">The file does not exist or is not valid HOCON.</exception>
    public static Config ParseFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new ConfigurationException($"configuration file '{Path.GetFullPath(path)}' not found");
        return new Config(HoconParser.Parse(FileSource(path)), Config.ProcessEnvironment);
    }

    /// <summary>
    /// Reads configuration from environment variables whose names start with <paramref name="prefix"/>.
    /// The prefix without its trailing '_' becomes the root key, "__" separates path elements, a
    /// single "_" becomes '-', and names are lower-cased:
    /// <c>DYNAMO_CLUSTER__SEED_NODES</c> sets <c>dynamo.cluster.seed-nodes</c>.
    /// A value starting with '[' or '{' is parsed as a HOCON list or object; any other value is
    /// taken as a literal string (so addresses with ':' and '//' need no quoting).
    /// </summary>
    /// <exception cref="ConfigurationException">A name does not map to a key, or a list/object value is not valid HOCON.</exception>
    public static Config FromEnvironment(string prefix = "DYNAMO_")
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            variables[(string)entry.Key] = (string?)entry.Value ?? "";
        return FromEnvironment(prefix, variables);
    }

    /// <summary>The built-in <c>hocon/reference.conf</c>: every key of the system with its default.</summary>
    public static Config Reference()
    {
        var source = EmbeddedSource(ReferenceResource)
            ?? throw new InvalidOperationException($"the embedded resource '{ReferenceResource}' is missing from {typeof(Config).Assembly.GetName().Name}");
        return new Config(HoconParser.Parse(source), Config.ProcessEnvironment);
    }

    /// <summary>
    /// The configuration a node runs with, highest priority first: <paramref name="overrides"/>
    /// (HOCON lines such as <c>dynamo.actor.ask-timeout = 10s</c>, later lines winning), then the
    /// <c>DYNAMO_</c> environment variables (see <see cref="FromEnvironment(string)"/>), then
    /// <paramref name="nodeFile"/>, then <see cref="Reference"/>. Substitutions are resolved over
    /// the merged whole, and any error is thrown here rather than at first read.
    /// </summary>
    /// <exception cref="ConfigurationException">A layer is invalid or a substitution cannot be resolved.</exception>
    public static Config Load(string? nodeFile = null, IEnumerable<string>? overrides = null)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            variables[(string)entry.Key] = (string?)entry.Value ?? "";
        return Load(nodeFile, overrides, variables);
    }

    /// <summary><see cref="Load(string?, IEnumerable{string}?)"/> against a given set of environment variables.</summary>
    internal static Config Load(string? nodeFile, IEnumerable<string>? overrides, IReadOnlyDictionary<string, string> environment)
    {
        var layers = new List<Config>();
        if (overrides is not null)
        {
            int line = 0;
            var parsed = overrides.Select(text => ParseString(text, $"override {++line}")).ToList();
            parsed.Reverse();
            layers.AddRange(parsed);
        }
        layers.Add(FromEnvironment("DYNAMO_", environment));
        if (nodeFile is not null) layers.Add(ParseFile(nodeFile));
        layers.Add(Reference());

        var merged = layers.Aggregate((top, fallback) => top.WithFallback(fallback));
        return merged.WithEnvironment(name => environment.TryGetValue(name, out string? value) ? value : null).EnsureResolved();
    }

    /// <summary><see cref="FromEnvironment(string)"/> over a given set of variables.</summary>
    internal static Config FromEnvironment(string prefix, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        string root = prefix.TrimEnd('_').ToLowerInvariant();
        var fields = new List<KeyValuePair<string, HoconValue>>();
        foreach (var (name, text) in variables.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal) || name.Length == prefix.Length) continue;
            var origin = new ConfigOrigin($"environment variable {name}", 1, 1);
            var segments = name[prefix.Length..].Split("__").Select(s => s.ToLowerInvariant().Replace('_', '-')).ToList();
            if (segments.Any(s => s.Length == 0))
                throw new ConfigurationException(origin, $"environment variable '{name}' does not name a configuration key (empty element between '__')");
            if (root.Length > 0) segments.Insert(0, root);

            string trimmed = text.Trim();
            HoconValue value = trimmed.StartsWith('[') || trimmed.StartsWith('{')
                ? HoconParser.ParseSingleValue(new HoconSource(text, origin.File, null), segments)
                : new HoconScalar(text, origin);
            for (int i = segments.Count - 1; i >= 1; i--)
                value = new HoconObject([new(segments[i], value)], origin);
            fields.Add(new(segments[0], value));
        }

        var builder = new HoconObjectBuilder();
        foreach (var (key, value) in fields) builder.Add(key, value);
        return new Config(builder.Build(new ConfigOrigin("environment", 1, 1)), Config.ProcessEnvironment);
    }

    /// <summary>An embedded resource of this assembly, for <c>reference.conf</c> and <c>include classpath(...)</c>.</summary>
    internal static HoconSource? EmbeddedSource(string name)
    {
        using var stream = typeof(Config).Assembly.GetManifestResourceStream(name);
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return new HoconSource(reader.ReadToEnd(), name, EmbeddedSource);
    }

    private static Func<string, HoconSource?> FromResolver(Func<string, string?> resolver) =>
        name => resolver(name) is { } text ? new HoconSource(text, name, FromResolver(resolver)) : null;

    private static HoconSource FileSource(string path) =>
        new(File.ReadAllText(path), path, name =>
        {
            string included = Path.Combine(Path.GetDirectoryName(path) ?? "", name);
            return File.Exists(included) ? FileSource(included) : null;
        });
}
