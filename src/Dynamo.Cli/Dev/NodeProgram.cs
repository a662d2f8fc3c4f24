namespace Dynamo.Cli.Dev;

/// <summary>
/// How a node process is started: an executable and the arguments that come before the node's own options
/// (<c>dotnet Dynamo.Server.dll</c>, or the server's apphost).
/// </summary>
/// <param name="FileName">The executable.</param>
/// <param name="LeadingArguments">Arguments before the node's options (the assembly, for <c>dotnet</c>).</param>
public sealed record NodeProgram(string FileName, IReadOnlyList<string> LeadingArguments)
{
    /// <summary>The environment variable that may name the node program.</summary>
    public const string Variable = "DYNAMO_SERVER";

    /// <summary>
    /// Where the build puts the node program: Dynamo.Cli builds Dynamo.Server without referencing its code and
    /// copies its output into this folder beside <c>dynamo.dll</c>.
    /// </summary>
    public const string BundledFolder = "node";

    /// <summary>
    /// The node program from <paramref name="explicitPath"/> (<c>--server</c>), else <c>DYNAMO_SERVER</c>, else the
    /// one built beside this tool. A <c>.dll</c> runs under the same <c>dotnet</c> host as this tool.
    /// </summary>
    /// <exception cref="UsageException">None is found; the message names the places looked at.</exception>
    public static NodeProgram Find(string? explicitPath, Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        var bundled = Path.Combine(AppContext.BaseDirectory, BundledFolder, "Dynamo.Server.dll");
        var (path, origin) = explicitPath is { Length: > 0 } ? (explicitPath, "--server")
            : getEnvironmentVariable(Variable) is { Length: > 0 } fromEnvironment ? (fromEnvironment, Variable)
            : (bundled, "the build");
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new UsageException($"the node program {full} (from {origin}) does not exist; build src/Dynamo.Cli, or give --server <Dynamo.Server.dll>");
        return full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? new NodeProgram(DotnetHost(getEnvironmentVariable), [full])
            : new NodeProgram(full, []);
    }

    // The dotnet CLI tells the programs it runs where it is; a tool started as `dotnet dynamo.dll` is itself
    // running in that host; otherwise dotnet must be on the PATH.
    private static string DotnetHost(Func<string, string?> getEnvironmentVariable)
    {
        if (getEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) return self;
        return "dotnet";
    }
}
