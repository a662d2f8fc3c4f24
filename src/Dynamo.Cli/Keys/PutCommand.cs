using System.CommandLine;
using System.Text;

namespace Dynamo.Cli.Keys;

/// <summary>
/// <c>dynamo put &lt;bucket&gt; &lt;key&gt; &lt;value&gt;|--file F [--content-type T] [--context C] [--w N]</c>:
/// writes a value and prints the new context.
/// </summary>
public static class PutCommand
{
    /// <summary>Builds <c>put</c>.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var bucket = KeyOptions.Bucket();
        var key = KeyOptions.Key();
        var value = new Argument<string?>("value") { Description = "The value as text (or give --file)", Arity = ArgumentArity.ZeroOrOne };
        var file = new Option<FileInfo?>("--file") { Description = "Read the value's bytes from this file", HelpName = "path" };
        var contentType = new Option<string?>("--content-type") { Description = "The value's MIME type (default text/plain, or application/octet-stream with --file)", HelpName = "type" };
        var writeContext = KeyOptions.Context("The context of the read this write follows (none: a blind write)");
        var w = KeyOptions.Quorum("w", "Durable acknowledgements to wait for, overriding the bucket's w");
        var node = CommonOptions.Node(context);
        var json = CommonOptions.Json();
        var command = new Command("put", "Write a value; prints the new context") { bucket, key, value, file, contentType, writeContext, w, node, json };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(context, parse.GetValue(node), isWrite: true, async (http, address) =>
        {
            var (bytes, defaultType) = await ValueOf(parse.GetValue(value), parse.GetValue(file), ct);
            var quorum = KeyOptions.CheckedQuorum("w", parse.GetValue(w));
            var follows = KeyOptions.ParsedContext(parse.GetValue(writeContext));
            var written = await new Client.DynamoHttpClient(http, address).PutAsync(parse.GetValue(bucket)!, parse.GetValue(key)!, bytes,
                parse.GetValue(contentType) ?? defaultType, follows, quorum, ct);
            if (parse.GetValue(json))
                await JsonOutput.WriteAsync(context.Out, new { context = written.ToBase64Url() });
            else
                await context.Out.WriteLineAsync($"context: {written.ToBase64Url()}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static async Task<(byte[] Bytes, string ContentType)> ValueOf(string? text, FileInfo? file, CancellationToken ct)
    {
        if (text is not null && file is not null)
            throw new UsageException("give the value either as an argument or with --file, not both");
        if (text is not null)
            return (Encoding.UTF8.GetBytes(text), "text/plain");
        if (file is null)
            throw new UsageException("put needs a value: an argument or --file <path>");
        try
        {
            return (await File.ReadAllBytesAsync(file.FullName, ct), "application/octet-stream");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--file {file.FullName} cannot be read: {e.Message}");
        }
    }
}
