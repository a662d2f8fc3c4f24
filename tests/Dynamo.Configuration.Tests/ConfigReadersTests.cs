using Akka.Configuration;

namespace Dynamo.Configuration.Tests;

public sealed class ConfigReadersTests
{
    private static Config Section(string hocon) => ConfigurationFactory.ParseString(hocon).GetConfig("dynamo.kv");

    [Fact]
    public void Reads_each_kind_of_value()
    {
        var c = Section("""
            dynamo.kv { n = 3, big = 5000000000, ratio = 0.25, on = on, off = false, wait = 250ms, size = 64KiB, name = x, list = [a, b] }
            """);
        Assert.Equal(3, c.ReadInt("dynamo.kv", "n"));
        Assert.Equal(5_000_000_000L, c.ReadLong("dynamo.kv", "big"));
        Assert.Equal(0.25, c.ReadDouble("dynamo.kv", "ratio"));
        Assert.True(c.ReadBoolean("dynamo.kv", "on"));
        Assert.False(c.ReadBoolean("dynamo.kv", "off"));
        Assert.Equal(TimeSpan.FromMilliseconds(250), c.ReadTimeSpan("dynamo.kv", "wait"));
        Assert.Equal(65536, c.ReadByteSize("dynamo.kv", "size"));
        Assert.Equal("x", c.ReadString("dynamo.kv", "name"));
        Assert.Equal(["a", "b"], c.ReadStringList("dynamo.kv", "list"));
    }

    [Theory]
    [InlineData("n = three", "n", "integer")]
    [InlineData("on = maybe", "on", "on or off")]
    [InlineData("wait = soon", "wait", "duration")]
    [InlineData("size = lots", "size", "size in bytes")]
    public void A_value_of_the_wrong_kind_names_its_full_key_and_what_was_written(string entry, string key, string expected)
    {
        var c = Section("dynamo.kv { " + entry + " }");
        var error = Assert.Throws<ConfigurationException>(() => key switch
        {
            "n" => (object)c.ReadInt("dynamo.kv", key),
            "on" => c.ReadBoolean("dynamo.kv", key),
            "wait" => c.ReadTimeSpan("dynamo.kv", key),
            _ => c.ReadByteSize("dynamo.kv", key),
        });
        Assert.StartsWith($"dynamo.kv.{key}: expected", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Contains(entry.Split(" = ")[1], error.Message);
    }

    [Fact]
    public void A_missing_key_is_named()
    {
        var c = Section("dynamo.kv { n = 3 }");
        var error = Assert.Throws<ConfigurationException>(() => c.ReadInt("dynamo.kv", "w"));
        Assert.Equal("dynamo.kv.w: is missing", error.Message);
    }

    [Fact]
    public void An_out_of_range_value_is_reported_with_its_full_key()
    {
        var error = ConfigErrors.InvalidValue("dynamo.kv.handoff", "batch-size", "must be at least 1, but was 0");
        Assert.Equal("dynamo.kv.handoff.batch-size: must be at least 1, but was 0", error.Message);
    }
}
