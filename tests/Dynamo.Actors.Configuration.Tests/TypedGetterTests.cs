using Dynamo.Actors.Configuration;
using Xunit;

namespace Dynamo.Actors.Configuration.Tests;

public class TypedGetterTests
{
    private static Config Parse(string text) => ConfigurationFactory.ParseString(text, "node.conf");

    [Fact]
    public void Numbers_read_as_int_long_and_double()
    {
        var config = Parse("i = -42\nl = 9000000000\nd = 0.25\ne = 1e3");
        Assert.Equal(-42, config.GetInt("i"));
        Assert.Equal(9_000_000_000L, config.GetLong("l"));
        Assert.Equal(0.25, config.GetDouble("d"));
        Assert.Equal(1000.0, config.GetDouble("e"));
        Assert.Equal(-42L, config.GetLong("i"));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("on", true)]
    [InlineData("yes", true)]
    [InlineData("false", false)]
    [InlineData("off", false)]
    [InlineData("no", false)]
    public void Booleans_accept_true_false_on_off_yes_no(string text, bool expected)
    {
        Assert.Equal(expected, Parse($"flag = {text}").GetBoolean("flag"));
    }

    [Fact]
    public void Defaults_apply_only_when_the_key_is_absent()
    {
        var config = Parse("present = 3");
        Assert.Equal(3, config.GetInt("present", 7));
        Assert.Equal(7, config.GetInt("absent", 7));
        Assert.Equal(7L, config.GetLong("absent", 7L));
        Assert.Equal(0.5, config.GetDouble("absent", 0.5));
        Assert.True(config.GetBoolean("absent", true));
        Assert.Equal("d", config.GetString("absent", "d"));
        Assert.Equal(TimeSpan.FromSeconds(1), config.GetTimeSpan("absent", TimeSpan.FromSeconds(1)));
        Assert.Equal(64L, config.GetByteSize("absent", 64L));
        Assert.Equal("3", config.GetString("present", "d"));
    }

    [Fact]
    public void Missing_key_names_the_full_key_and_says_not_found()
    {
        var error = Assert.Throws<ConfigurationException>(() => Parse("dynamo {}").GetInt("dynamo.actor.throughput"));
        Assert.Equal("configuration key 'dynamo.actor.throughput' not found", error.Message);
        Assert.Equal("dynamo.actor.throughput", error.Key);
    }

    [Fact]
    public void Int_from_text_names_key_value_and_position()
    {
        var error = Assert.Throws<ConfigurationException>(() => Parse("a {\n  count = abc\n}").GetInt("a.count"));
        Assert.Equal("a.count", error.Key);
        Assert.Equal("node.conf", error.File);
        Assert.Equal(2, error.Line);
        Assert.Equal(11, error.Column);
        Assert.StartsWith("node.conf:2:11: configuration key 'a.count' has value 'abc', expected an integer", error.Message);
    }

    [Fact]
    public void Wrong_type_is_an_error_even_when_a_default_is_given()
    {
        var error = Assert.Throws<ConfigurationException>(() => Parse("t = soon").GetTimeSpan("t", TimeSpan.Zero));
        Assert.Contains("configuration key 't' has value 'soon', expected a duration", error.Message);
        Assert.StartsWith("node.conf:1:5:", error.Message);
    }

    [Fact]
    public void Int_out_of_range_and_fractions_are_rejected()
    {
        var config = Parse("big = 3000000000\nfrac = 1.5");
        Assert.Throws<ConfigurationException>(() => config.GetInt("big"));
        Assert.Throws<ConfigurationException>(() => config.GetInt("frac"));
        Assert.Equal(3_000_000_000L, config.GetLong("big"));
    }

    [Fact]
    public void Bad_boolean_double_and_size_are_rejected_with_the_value()
    {
        var config = Parse("b = maybe\nd = fast\ns = 12 parsecs");
        Assert.Contains("'maybe', expected a boolean", Assert.Throws<ConfigurationException>(() => config.GetBoolean("b")).Message);
        Assert.Contains("'fast', expected a number", Assert.Throws<ConfigurationException>(() => config.GetDouble("d")).Message);
        Assert.Contains("'12 parsecs', expected a size in bytes", Assert.Throws<ConfigurationException>(() => config.GetByteSize("s")).Message);
    }

    [Fact]
    public void String_getter_rejects_objects_and_lists()
    {
        var config = Parse("o { x = 1 }\nl = [1]");
        Assert.Contains("has value { x = 1 }, expected a string", Assert.Throws<ConfigurationException>(() => config.GetString("o")).Message);
        Assert.Contains("has value [1], expected a string", Assert.Throws<ConfigurationException>(() => config.GetString("l")).Message);
    }

    [Fact]
    public void List_getters_reject_non_lists_and_wrong_elements()
    {
        var config = Parse("s = text\nmixed = [a, { x = 1 }]\nscalars = [1, 2]");
        Assert.Contains("expected a list", Assert.Throws<ConfigurationException>(() => config.GetStringList("s")).Message);
        var element = Assert.Throws<ConfigurationException>(() => config.GetStringList("mixed"));
        Assert.Equal("mixed[1]", element.Key);
        Assert.Contains("expected an object", Assert.Throws<ConfigurationException>(() => config.GetConfigList("scalars")).Message);
    }

    [Fact]
    public void Reading_through_a_scalar_names_the_scalar()
    {
        var config = Parse("a = 5");
        var error = Assert.Throws<ConfigurationException>(() => config.GetInt("a.b"));
        Assert.Contains("configuration key 'a' is a string ('5'), not an object", error.Message);
        Assert.False(config.HasPath("a.b"));
        Assert.Null(config.OriginOf("a.b"));
    }

    [Fact]
    public void Get_config_on_a_scalar_is_rejected()
    {
        Assert.Contains("expected an object", Assert.Throws<ConfigurationException>(() => Parse("a = 5").GetConfig("a")).Message);
    }

    [Fact]
    public void Malformed_path_is_rejected_naming_it()
    {
        var error = Assert.Throws<ConfigurationException>(() => Parse("a = 1").HasPath("a..b"));
        Assert.Equal("a..b", error.Key);
        Assert.Contains("not a valid configuration path", error.Message);
    }

    [Fact]
    public void Has_path_is_true_for_values_and_objects_only()
    {
        var config = Parse("a.b = 1\nn = null");
        Assert.True(config.HasPath("a"));
        Assert.True(config.HasPath("a.b"));
        Assert.False(config.HasPath("a.c"));
        Assert.False(config.HasPath("n"));
    }
}
