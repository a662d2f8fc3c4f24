using System.Collections;
using System.Text;
using Akka.Configuration;

namespace Dynamo.Configuration;

/// <summary>
/// The configuration a node runs with, on Akka's HOCON: the built-in <c>hocon/reference.conf</c> (every
/// <c>dynamo</c> key with its default, and the <c>akka</c> settings the store chooses), a node file,
/// <c>DYNAMO_*</c> and <c>AKKA_*</c> environment variables, and command-line overrides.
/// </summary>
public static class DynamoConfig
{
    private const string ReferenceResource = "reference.conf";

    /// <summary>The prefixes of environment variables read as configuration, and the root key each maps to.</summary>
    private static readonly (string Prefix, string Root)[] EnvironmentRoots = [("DYNAMO_", "dynamo"), ("AKKA_", "akka")];

    /// <summary>The built-in <c>hocon/reference.conf</c>.</summary>
    public static Config Reference()
    {
        using var stream = typeof(DynamoConfig).Assembly.GetManifestResourceStream(ReferenceResource)
            ?? throw new InvalidOperationException($"the embedded resource '{ReferenceResource}' is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), ReferenceResource);
    }

    /// <summary>Parses HOCON text; <paramref name="origin"/> names it in errors.</summary>
    /// <exception cref="ConfigurationException">The text is not valid HOCON.</exception>
    public static Config Parse(string hocon, string origin)
    {
        ArgumentNullException.ThrowIfNull(hocon);
        try
        {
            return ConfigurationFactory.ParseString(hocon);
        }
        catch (Exception e) when (e is not ConfigurationException)
        {
            throw new ConfigurationException($"{origin}: not valid HOCON: {e.Message}", e);
        }
    }

    /// <summary>
    /// The configuration a node runs with, highest priority first: <paramref name="overrides"/> (HOCON lines such
    /// as <c>dynamo.kv.request-timeout = 10s</c>, later lines winning), then the environment variables (see
    /// <see cref="FromEnvironment(IReadOnlyDictionary{string, string})"/>), then <paramref name="nodeFile"/>, then
    /// <see cref="Reference"/>.
    /// </summary>
    /// <exception cref="ConfigurationException">A layer is invalid or the node file is missing.</exception>
    public static Config Load(string? nodeFile = null, IEnumerable<string>? overrides = null) =>
        Load(nodeFile, overrides, ProcessEnvironment());

    /// <summary><see cref="Load(string?, IEnumerable{string}?)"/> against a given set of environment variables.</summary>
    internal static Config Load(string? nodeFile, IEnumerable<string>? overrides, IReadOnlyDictionary<string, string> environment)
    {
        var layers = new List<Config>();
        if (overrides is not null)
        {
            int line = 0;
            var parsed = overrides.Select(text => Parse(text, $"override {++line}")).ToList();
            parsed.Reverse();
            layers.AddRange(parsed);
        }
        layers.Add(FromEnvironment(environment));
        if (nodeFile is not null)
        {
            if (!File.Exists(nodeFile)) throw new ConfigurationException($"configuration file '{Path.GetFullPath(nodeFile)}' not found");
            layers.Add(Parse(File.ReadAllText(nodeFile), nodeFile));
        }
        layers.Add(Reference());
        return layers.Aggregate((top, fallback) => top.WithFallback(fallback));
    }

    /// <summary>
    /// Configuration from environment variables named <c>DYNAMO_*</c> (keys under <c>dynamo</c>) and <c>AKKA_*</c>
    /// (keys under <c>akka</c>): "__" separates path elements, a single "_" becomes '-', names are lower-cased, so
    /// <c>DYNAMO_KV__REQUEST_TIMEOUT</c> sets <c>dynamo.kv.request-timeout</c> and <c>AKKA_CLUSTER__SEED_NODES</c>
    /// sets <c>akka.cluster.seed-nodes</c>. A value starting with '[' or '{' is a HOCON list or object; any other
    /// value is a literal string (so addresses need no quoting).
    /// </summary>
    /// <exception cref="ConfigurationException">A name does not map to a key, or a list or object is not valid HOCON.</exception>
    public static Config FromEnvironment(IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var text = new StringBuilder();
        foreach (var (name, value) in variables.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            var root = EnvironmentRoots.FirstOrDefault(r => name.StartsWith(r.Prefix, StringComparison.Ordinal) && name.Length > r.Prefix.Length);
            if (root.Prefix is null) continue;
            var segments = name[root.Prefix.Length..].Split("__").Select(s => s.ToLowerInvariant().Replace('_', '-')).ToList();
            if (segments.Any(s => s.Length == 0))
                throw new ConfigurationException($"environment variable '{name}' does not name a configuration key (empty element between '__')");
            string key = root.Root + "." + string.Join('.', segments.Select(Quoted));
            string trimmed = value.Trim();
            bool structured = trimmed.StartsWith('[') || trimmed.StartsWith('{');
            text.Append(key).Append(" = ").AppendLine(structured ? trimmed : Quoted(value));
            if (structured) Parse(key + " = " + trimmed, $"environment variable {name}");
        }
        return Parse(text.ToString(), "environment");
    }

    private static string Quoted(string s) =>
        "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static Dictionary<string, string> ProcessEnvironment()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            variables[(string)entry.Key] = (string?)entry.Value ?? "";
        return variables;
    }
}
