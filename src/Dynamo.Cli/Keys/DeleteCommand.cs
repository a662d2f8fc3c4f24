using System.CommandLine;

namespace Dynamo.Cli.Keys;

/// <summary><c>dynamo delete &lt;bucket&gt; &lt;key&gt; --context C [--w N]</c>: deletes the versions the context covers.</summary>
public static class DeleteCommand
{
    /// <summary>Builds <c>delete</c>.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var bucket = KeyOptions.Bucket();
        var key = KeyOptions.Key();
        var deleteContext = KeyOptions.Context("The context of the read this delete follows, as get printed it");
        deleteContext.Required = true;
        var w = KeyOptions.Quorum("w", "Durable acknowledgements to wait for, overriding the bucket's w");
        var node = CommonOptions.Node(context);
        var command = new Command("delete", "Delete the versions a context covers; prints the tombstone's context") { bucket, key, deleteContext, w, node };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(context, parse.GetValue(node), isWrite: true, async (http, address) =>
        {
            var quorum = KeyOptions.CheckedQuorum("w", parse.GetValue(w));
            var follows = KeyOptions.ParsedContext(parse.GetValue(deleteContext))!;
            var tombstone = await new Client.DynamoHttpClient(http, address).DeleteAsync(parse.GetValue(bucket)!, parse.GetValue(key)!, follows, quorum, ct);
            await context.Out.WriteLineAsync($"deleted; context: {tombstone.ToBase64Url()}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
