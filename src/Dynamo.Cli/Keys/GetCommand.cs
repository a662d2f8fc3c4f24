using System.CommandLine;
using System.Globalization;
using Dynamo.Client;
using Spectre.Console;

namespace Dynamo.Cli.Keys;

/// <summary><c>dynamo get &lt;bucket&gt; &lt;key&gt; [--r N]</c>: prints the value, or every sibling, and the context.</summary>
public static class GetCommand
{
    /// <summary>Builds <c>get</c>.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var bucket = KeyOptions.Bucket();
        var key = KeyOptions.Key();
        var r = KeyOptions.Quorum("r", "Replies to wait for, overriding the bucket's r");
        var node = CommonOptions.Node(context);
        var json = CommonOptions.Json();
        var command = new Command("get", "Read a key: its value, or its siblings, and the context to write with") { bucket, key, r, node, json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(context, parse.GetValue(node), isWrite: false, async (http, address) =>
        {
            var quorum = KeyOptions.CheckedQuorum("r", parse.GetValue(r));
            var b = parse.GetValue(bucket)!;
            var k = parse.GetValue(key)!;
            var result = await new DynamoHttpClient(http, address).GetAsync(b, k, quorum, ct);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(context.Out, new
                {
                    bucket = b,
                    key = k,
                    status = result.Status.ToString().ToLowerInvariant(),
                    context = result.Context.ToBase64Url(),
                    siblings = result.Siblings.Select(s => new
                    {
                        value = ValueText.AsText(s.Value.Span),
                        valueBase64 = Convert.ToBase64String(s.Value.Span),
                        contentType = s.ContentType,
                        lastModified = s.LastModified,
                    }),
                });
                return result.Found ? ExitCodes.Success : ExitCodes.Failure;
            }
            if (result.NotFound)
            {
                await context.Error.WriteLineAsync($"dynamo: not found: {b}/{k}");
                return ExitCodes.Failure;
            }
            if (result.Deleted)
            {
                await context.Error.WriteLineAsync($"dynamo: deleted: {b}/{k} (context {result.Context.ToBase64Url()})");
                return ExitCodes.Failure;
            }
            if (!result.HasSiblings)
            {
                await context.Out.WriteLineAsync(ValueText.Render(result.Siblings[0].Value.Span));
            }
            else
            {
                context.Out.WriteLine($"{result.Siblings.Count} siblings:");
                var table = new Table().AddColumns("#", "Content-Type", "Last-Modified", "Value");
                for (var i = 0; i < result.Siblings.Count; i++)
                {
                    var s = result.Siblings[i];
                    table.AddRow((i + 1).ToString(CultureInfo.InvariantCulture), Markup.Escape(s.ContentType),
                        s.LastModified.ToString("u", CultureInfo.InvariantCulture), Markup.Escape(ValueText.Render(s.Value.Span)));
                }
                context.Console.Write(table);
            }
            await context.Out.WriteLineAsync($"context: {result.Context.ToBase64Url()}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
