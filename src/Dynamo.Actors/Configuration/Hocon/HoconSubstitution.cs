namespace Dynamo.Actors.Configuration.Hocon;

/// <summary>
/// <c>${path}</c> or <c>${?path}</c>: stands for the value at an absolute path of the final,
/// merged configuration. When the path is absent the environment variable named as written is
/// tried, as the HOCON spec says; an optional substitution that finds neither is undefined,
/// which leaves the field unset (or keeps its earlier value).
/// </summary>
internal sealed class HoconSubstitution : HoconValue
{
    public HoconSubstitution(IReadOnlyList<string> path, bool optional, string? environmentName, ConfigOrigin origin)
        : base(origin)
    {
        Path = path;
        Optional = optional;
        EnvironmentName = environmentName;
    }

    /// <summary>The absolute path looked up in the root of the configuration.</summary>
    public IReadOnlyList<string> Path { get; }

    /// <summary>True for <c>${?path}</c>.</summary>
    public bool Optional { get; }

    /// <summary>
    /// The environment variable tried when the path is absent; null when there is none to try
    /// (for the implicit self-reference of <c>+=</c>).
    /// </summary>
    public string? EnvironmentName { get; }

    public override bool IsResolved => false;

    public override string Describe() => "a substitution";

    /// <summary>How it was written, for messages.</summary>
    public override string ToString() => $"${{{(Optional ? "?" : "")}{ConfigPath.Render(Path)}}}";

    /// <summary>The same substitution seen from a file included under <paramref name="prefix"/>.</summary>
    public HoconSubstitution WithPrefix(IReadOnlyList<string> prefix) =>
        new([.. prefix, .. Path], Optional, EnvironmentName, Origin);
}
