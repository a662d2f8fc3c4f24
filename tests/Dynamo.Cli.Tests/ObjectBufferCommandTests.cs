using System.Text.Json;

namespace Dynamo.Cli.Tests;

/// <summary><c>dynamo bucket props --object-buffer</c> against one real node.</summary>
public sealed class ObjectBufferCommandTests(OneNode node) : IClassFixture<OneNode>
{
    private Task<CliRun> Run(params string[] args) => InProcessCli.RunAsync([.. args, "--node", node.Url]);

    [Fact]
    public async Task Bucket_props_turns_the_object_buffer_on_and_off_and_shows_it()
    {
        var before = await Run("bucket", "props", "cli-buffer", "--json");
        var on = await Run("bucket", "props", "cli-buffer", "--object-buffer", "true");
        var shownOn = await Run("bucket", "props", "cli-buffer", "--json");
        var off = await Run("bucket", "props", "cli-buffer", "--object-buffer", "false");
        var shownOff = await Run("bucket", "props", "cli-buffer", "--json");

        Assert.Equal((0, 0), (on.ExitCode, off.ExitCode));
        Assert.Contains("updated", on.Out);
        Assert.Matches(@"│ on\s+│", on.Out);
        Assert.False(ObjectBufferOf(before));
        Assert.True(ObjectBufferOf(shownOn));
        Assert.False(ObjectBufferOf(shownOff));
    }

    [Fact]
    public async Task Object_buffer_that_is_not_true_or_false_is_a_usage_error()
    {
        var run = await Run("bucket", "props", "cli-buffer-bad", "--object-buffer", "maybe");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("maybe", run.Error);
    }

    private static bool ObjectBufferOf(CliRun run)
    {
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        return json.RootElement.GetProperty("objectBuffer").GetBoolean();
    }
}
