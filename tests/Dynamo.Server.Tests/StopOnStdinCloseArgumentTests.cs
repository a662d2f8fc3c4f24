using Dynamo.Server.Hosting;

namespace Dynamo.Server.Tests;

public sealed class StopOnStdinCloseArgumentTests
{
    [Fact]
    public void A_node_ignores_its_standard_input_unless_asked()
    {
        Assert.False(ServerArguments.Parse(["--http-port", "8099"]).StopOnStdinClose);
    }

    [Fact]
    public void Stop_on_stdin_close_is_a_flag_that_leaves_the_configuration_alone()
    {
        var plain = ServerArguments.Parse(["--http-port", "8099"]);
        var watched = ServerArguments.Parse(["--stop-on-stdin-close", "--http-port", "8099"]);

        Assert.True(watched.StopOnStdinClose);
        Assert.Equal(plain.Overrides.ToArray(), watched.Overrides.ToArray());
        Assert.Contains("--stop-on-stdin-close", ServerArguments.Usage);
    }
}
