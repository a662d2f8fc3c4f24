using System.CommandLine;
using System.Globalization;
using Dynamo.Client;
using Spectre.Console;

namespace Dynamo.Cli.Buckets;

/// <summary>
/// <c>dynamo bucket props &lt;bucket&gt; [--n N --r R --w W --conflicts siblings|last-write-wins --object-buffer true|false]</c>: shows a
/// bucket's properties, or sets those given and shows the result.
/// </summary>
public static class BucketCommand
{
    /// <summary>Builds <c>bucket</c> and its <c>props</c> subcommand.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var bucket = new Argument<string>("bucket") { Description = "The bucket" };
        var n = new Option<int?>("--n") { Description = "Replicas per key", HelpName = "N" };
        var r = new Option<int?>("--r") { Description = "Replies a read waits for", HelpName = "R" };
        var w = new Option<int?>("--w") { Description = "Durable acknowledgements a write waits for", HelpName = "W" };
        var conflicts = new Option<string?>("--conflicts") { Description = "How concurrent writes are kept", HelpName = "siblings|last-write-wins" };
        conflicts.AcceptOnlyFromAmong("siblings", "last-write-wins");
        var objectBuffer = new Option<bool?>("--object-buffer")
        {
            Description = "Whether replicas other than the coordinating one acknowledge writes before they are durable (the paper's object buffer)",
            HelpName = "true|false",
        };
        var node = CommonOptions.Node(context);
        var json = CommonOptions.Json();
        var props = new Command("props", "Show a bucket's properties, or set those given (n, r, w, conflicts, object buffer)") { bucket, n, r, w, conflicts, objectBuffer, node, json };
        props.SetAction((parse, ct) => CommandRunner.RunAsync(context, parse.GetValue(node), isWrite: false, async (http, address) =>
        {
            var name = parse.GetValue(bucket)!;
            foreach (var (option, value) in new[] { ("n", parse.GetValue(n)), ("r", parse.GetValue(r)), ("w", parse.GetValue(w)) })
            {
                if (value is < 1) throw new UsageException($"--{option} must be at least 1, but was {value}");
            }
            var client = new DynamoHttpClient(http, address);
            var current = await client.GetBucketPropsAsync(name, ct);
            var changed = parse.GetValue(n) is not null || parse.GetValue(r) is not null || parse.GetValue(w) is not null || parse.GetValue(conflicts) is not null
                || parse.GetValue(objectBuffer) is not null;
            if (changed)
            {
                var wanted = current with
                {
                    N = parse.GetValue(n) ?? current.N,
                    R = parse.GetValue(r) ?? current.R,
                    W = parse.GetValue(w) ?? current.W,
                    Conflicts = parse.GetValue(conflicts) switch
                    {
                        "siblings" => DynamoConflictMode.Siblings,
                        "last-write-wins" => DynamoConflictMode.LastWriteWins,
                        _ => current.Conflicts,
                    },
                    ObjectBuffer = parse.GetValue(objectBuffer) ?? current.ObjectBuffer,
                };
                current = await client.SetBucketPropsAsync(name, wanted, ct);
            }
            var conflictText = current.Conflicts == DynamoConflictMode.LastWriteWins ? "last-write-wins" : "siblings";
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(context.Out, new { bucket = name, current.N, current.R, current.W, conflicts = conflictText, objectBuffer = current.ObjectBuffer });
                return ExitCodes.Success;
            }
            var table = new Table().AddColumns("Bucket", "n", "r", "w", "conflicts", "object buffer");
            table.AddRow(Markup.Escape(name), current.N.ToString(CultureInfo.InvariantCulture), current.R.ToString(CultureInfo.InvariantCulture),
                current.W.ToString(CultureInfo.InvariantCulture), conflictText, current.ObjectBuffer ? "on" : "off");
            context.Console.Write(table);
            if (changed) context.Out.WriteLine("updated");
            return ExitCodes.Success;
        }));
        var command = new Command("bucket", "Bucket properties");
        command.Subcommands.Add(props);
        return command;
    }
}
