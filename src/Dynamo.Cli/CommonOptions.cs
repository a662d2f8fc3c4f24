using System.CommandLine;

namespace Dynamo.Cli;

/// <summary>The options every command shares: which node to talk to, and JSON instead of tables.</summary>
public static class CommonOptions
{
    /// <summary>The environment variable naming the default node.</summary>
    public const string NodeVariable = "DYNAMO_NODE";

    /// <summary><c>--node &lt;http-url&gt;</c>: the node's HTTP API, defaulting to <c>DYNAMO_NODE</c> or <see cref="CliContext.DefaultNode"/>.</summary>
    public static Option<string> Node(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Option<string>("--node")
        {
            Description = $"The node's HTTP API (default: ${NodeVariable} or {CliContext.DefaultNode})",
            HelpName = "http-url",
            DefaultValueFactory = _ => context.GetEnvironmentVariable(NodeVariable) is { Length: > 0 } node ? node : CliContext.DefaultNode,
        };
    }

    /// <summary><c>--json</c>: machine-readable output instead of tables.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Print JSON instead of a table" };

    /// <summary><c>--timeout &lt;duration&gt;</c>: how long each member may take to answer when every member is asked.</summary>
    public static Option<string> MemberTimeout() => new("--timeout")
    {
        Description = "How long each member may take to answer (e.g. 5s, 500ms)",
        HelpName = "duration",
        DefaultValueFactory = _ => "5s",
    };
}
