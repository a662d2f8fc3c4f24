using System.CommandLine;

namespace Dynamo.Cli.Tests;

public sealed class CommandTreeTests
{
    private static readonly CliContext Context = new(TextWriter.Null, TextWriter.Null, () => new HttpClient(), _ => null, width: 120);

    [Fact]
    public void Unknown_command_is_a_parse_error()
    {
        var result = DynamoCommandLine.Create(Context).Parse(["no-such-command"]);
        Assert.NotEmpty(result.Errors);
    }

    [Theory]
    [InlineData("cluster show")]
    [InlineData("cluster transfers")]
    [InlineData("stats")]
    [InlineData("cluster join akka.tcp://dynamo@127.0.0.1:4053")]
    [InlineData("cluster leave akka.tcp://dynamo@127.0.0.1:4053")]
    [InlineData("cluster down akka.tcp://dynamo@127.0.0.1:4053")]
    [InlineData("cluster down-unreachable")]
    [InlineData("cluster sharding")]
    [InlineData("cluster sharding regions")]
    [InlineData("cluster sharding shard-stats vnode")]
    [InlineData("cluster sharding shard-stats -t vnode")]
    [InlineData("ring show")]
    [InlineData("get b k")]
    [InlineData("put b k v")]
    [InlineData("delete b k --context AQ")]
    [InlineData("bucket props b")]
    public void Every_command_that_talks_to_a_node_takes_node(string command)
    {
        var result = DynamoCommandLine.Create(Context).Parse([.. command.Split(' '), "--node", "http://127.0.0.1:8099"]);

        Assert.Empty(result.Errors);
        Assert.Equal("http://127.0.0.1:8099", result.GetValue<string>("--node"));
    }

    [Fact]
    public void Conflicts_other_than_siblings_or_last_write_wins_is_a_parse_error()
    {
        var result = DynamoCommandLine.Create(Context).Parse(["bucket", "props", "b", "--conflicts", "merge"]);

        Assert.NotEmpty(result.Errors);
    }
}
