using Spectre.Console;

namespace Dynamo.Cli;

/// <summary>
/// Where a command writes and how it reaches nodes: standard output and error, a factory of HTTP clients and the
/// environment. Commands take everything from here, so tests run them in process with captured output.
/// </summary>
public sealed class CliContext
{
    /// <summary>The node commands talk to unless <c>--node</c> or <c>DYNAMO_NODE</c> names another.</summary>
    public const string DefaultNode = "http://127.0.0.1:8098";

    /// <summary>A context over the given writers.</summary>
    /// <param name="output">Standard output: results, tables, JSON.</param>
    /// <param name="error">Standard error: one line per failure.</param>
    /// <param name="createHttpClient">Makes a new <see cref="HttpClient"/> that the command disposes.</param>
    /// <param name="getEnvironmentVariable">Reads an environment variable (null when unset).</param>
    /// <param name="width">The console width tables are laid out for; null to detect it from the terminal.</param>
    public CliContext(TextWriter output, TextWriter error, Func<HttpClient> createHttpClient,
        Func<string, string?> getEnvironmentVariable, int? width = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(createHttpClient);
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        Out = output;
        Error = error;
        CreateHttpClient = createHttpClient;
        GetEnvironmentVariable = getEnvironmentVariable;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            // Captured output (tests, pipes) gets plain text; a terminal gets whatever it supports.
            Ansi = width is null ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = width is null ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (width is { } w) Console.Profile.Width = w;
    }

    /// <summary>Standard output.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; }

    /// <summary>Standard output as a Spectre console, for tables.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Makes a new HTTP client; the caller disposes it.</summary>
    public Func<HttpClient> CreateHttpClient { get; }

    /// <summary>Reads an environment variable.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; }

    /// <summary>The process's own console, environment and a 30-second HTTP timeout.</summary>
    public static CliContext ForProcess() => new(
        System.Console.Out,
        System.Console.Error,
        () => new HttpClient { Timeout = TimeSpan.FromSeconds(30) },
        Environment.GetEnvironmentVariable,
        // Piped output has no terminal width; a wide one keeps addresses on one line for grep and awk.
        System.Console.IsOutputRedirected ? RedirectedWidth : null);

    // Wide enough for a table of members with full addresses and HTTP endpoints.
    private const int RedirectedWidth = 200;
}
