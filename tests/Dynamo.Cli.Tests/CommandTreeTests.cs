using System.CommandLine;

namespace Dynamo.Cli.Tests;

public sealed class CommandTreeTests
{
    [Fact]
    public void Unknown_command_is_a_parse_error()
    {
        var result = DynamoCommandLine.Create().Parse(["no-such-command"]);
        Assert.NotEmpty(result.Errors);
    }
}
