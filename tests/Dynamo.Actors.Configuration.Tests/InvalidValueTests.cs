using Dynamo.Actors.Configuration;
using Xunit;

namespace Dynamo.Actors.Configuration.Tests;

public class InvalidValueTests
{
    [Fact]
    public void Out_of_range_value_is_reported_with_its_full_key_and_where_it_was_written()
    {
        var section = ConfigurationFactory.ParseString("dynamo.kv {\n  handoff.batch-size = 0\n}", "node.conf").GetConfig("dynamo.kv.handoff");

        var error = ConfigurationException.InvalidValue(section, "dynamo.kv.handoff", "batch-size", "must be at least 1");

        Assert.Equal("dynamo.kv.handoff.batch-size", error.Key);
        Assert.Equal(("node.conf", 2), (error.File, error.Line));
        Assert.StartsWith("node.conf:2:", error.Message);
        Assert.EndsWith(": dynamo.kv.handoff.batch-size: must be at least 1", error.Message);
    }

    [Fact]
    public void Value_that_was_not_written_is_reported_by_its_full_key_alone()
    {
        var error = ConfigurationException.InvalidValue(Config.Empty, "dynamo.kv.handoff", "batch-size", "must be at least 1");

        Assert.Equal("dynamo.kv.handoff.batch-size: must be at least 1", error.Message);
        Assert.Equal(("dynamo.kv.handoff.batch-size", null, 0), (error.Key, error.File, error.Line));
    }
}
