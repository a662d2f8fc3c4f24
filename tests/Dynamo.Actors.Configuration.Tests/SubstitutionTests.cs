using Dynamo.Actors.Configuration;
using Xunit;

namespace Dynamo.Actors.Configuration.Tests;

public class SubstitutionTests
{
    private static Config Parse(string text) => ConfigurationFactory.ParseString(text, "test.conf");

    [Fact]
    public void Substitution_copies_a_scalar_list_or_object()
    {
        var config = Parse("base { x = 1 }\nport = 2552\nseeds = [a, b]\ncopy = ${base}\np = ${port}\ns = ${seeds}");
        Assert.Equal(1, config.GetInt("copy.x"));
        Assert.Equal(2552, config.GetInt("p"));
        Assert.Equal(["a", "b"], config.GetStringList("s"));
    }

    [Fact]
    public void Substitution_may_refer_forward_and_through_other_substitutions()
    {
        var config = Parse("a = ${b}\nb = ${c.d}\nc.d = deep");
        Assert.Equal("deep", config.GetString("a"));
    }

    [Fact]
    public void Substitutions_concatenate_into_strings()
    {
        var config = Parse("host = localhost\nport = 2552\naddress = \"dynamo.tcp://sys@\"${host}\":\"${port}");
        Assert.Equal("dynamo.tcp://sys@localhost:2552", config.GetString("address"));
    }

    [Fact]
    public void Object_substitution_followed_by_an_object_inherits_and_overrides()
    {
        var config = Parse("default { throughput = 30, mailbox = unbounded }\nfast = ${default} { throughput = 100 }");
        Assert.Equal(100, config.GetInt("fast.throughput"));
        Assert.Equal("unbounded", config.GetString("fast.mailbox"));
        Assert.Equal(30, config.GetInt("default.throughput"));
    }

    [Fact]
    public void Substitution_sees_the_final_value_after_later_overrides()
    {
        var config = Parse("a = 1\nb = ${a}\na = 2");
        Assert.Equal(2, config.GetInt("b"));
    }

    [Fact]
    public void Substitution_is_resolved_against_the_fallback_after_merging()
    {
        var node = Parse("dynamo.remote.port = ${base-port}");
        var defaults = Parse("base-port = 2552\ndynamo.remote.port = 0");
        var config = node.WithFallback(defaults);
        Assert.Equal(2552, config.GetInt("dynamo.remote.port"));
    }

    [Fact]
    public void Fallback_substitution_sees_the_overriding_value()
    {
        var defaults = Parse("port = 2552\naddress = \"host:\"${port}");
        var config = Parse("port = 9000").WithFallback(defaults);
        Assert.Equal("host:9000", config.GetString("address"));
    }

    [Fact]
    public void Optional_substitution_that_finds_nothing_leaves_the_field_unset()
    {
        var config = Parse("a = ${?nothing.here.at-all}\nb = 1");
        Assert.False(config.HasPath("a"));
        Assert.Equal(["b"], config.Keys);
    }

    [Fact]
    public void Optional_substitution_that_finds_nothing_keeps_the_earlier_value()
    {
        var config = Parse("timeout = 5s\ntimeout = ${?nothing.here.at-all}");
        Assert.Equal(TimeSpan.FromSeconds(5), config.GetTimeSpan("timeout"));
    }

    [Fact]
    public void Absent_path_falls_back_to_the_environment_variable_of_that_name()
    {
        string name = "DYNAMO_HOCON_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from-env");
        try
        {
            var config = Parse($"a = ${{?{name}}}\nb = ${{{name}}}\nc = 1\nc = ${{?{name}_UNSET}}");
            Assert.Equal("from-env", config.GetString("a"));
            Assert.Equal("from-env", config.GetString("b"));
            Assert.Equal(1, config.GetInt("c"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Path_in_the_config_wins_over_an_environment_variable()
    {
        string name = "DYNAMO_HOCON_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from-env");
        try
        {
            var config = Parse($"{name} = from-config\na = ${{{name}}}");
            Assert.Equal("from-config", config.GetString("a"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Missing_required_substitution_names_position_field_and_target()
    {
        var config = Parse("a {\n  b = ${no.such.key}\n}");
        var error = Assert.Throws<ConfigurationException>(() => config.GetString("a.b"));
        Assert.StartsWith("test.conf:2:7: ${no.such.key} in the value of 'a.b' cannot be resolved: key 'no.such.key' not found", error.Message);
        Assert.Equal("a.b", error.Key);
    }

    [Fact]
    public void Cycle_is_reported_with_the_chain_of_keys()
    {
        var config = Parse("a = ${b}\nb = ${c}\nc = ${a}");
        var error = Assert.Throws<ConfigurationException>(() => config.GetString("a"));
        Assert.Contains("substitution cycle: a -> b -> c -> a", error.Message);
        Assert.Equal("test.conf", error.File);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Object_containing_a_reference_to_itself_is_a_cycle()
    {
        var config = Parse("a { b = ${a} }");
        var error = Assert.Throws<ConfigurationException>(() => config.Keys.ToList());
        Assert.Contains("substitution cycle", error.Message);
    }

    [Fact]
    public void Self_reference_appends_to_the_earlier_value()
    {
        var config = Parse("path = [a]\npath = ${path} [b]\nname = x\nname = ${name}-y");
        Assert.Equal(["a", "b"], config.GetStringList("path"));
        Assert.Equal("x-y", config.GetString("name"));
    }

    [Fact]
    public void Self_reference_sees_an_object_merged_from_several_definitions()
    {
        var config = Parse("a.x = 1\na.y = 2\na = ${a} { z = 3 }");
        Assert.Equal(["x", "y", "z"], config.GetConfig("a").Keys);
        Assert.Equal(1, config.GetInt("a.x"));
        Assert.Equal(3, config.GetInt("a.z"));
    }

    [Fact]
    public void Self_reference_sees_the_fallback_value()
    {
        var defaults = Parse("dynamo.cluster.roles = [storage]");
        var node = Parse("dynamo.cluster.roles = ${dynamo.cluster.roles} [gateway]");
        var config = node.WithFallback(defaults);
        Assert.Equal(["storage", "gateway"], config.GetStringList("dynamo.cluster.roles"));
    }

    [Fact]
    public void Self_reference_inside_an_object_layered_over_a_substitution_sees_the_substituted_field()
    {
        var defaults = Parse("template { list = [1] }\nservice = ${template}");
        var config = Parse("service { list = ${service.list} [2] }").WithFallback(defaults);
        Assert.Equal(["1", "2"], config.GetStringList("service.list"));
        Assert.Equal(["1"], config.GetStringList("template.list"));
    }

    [Fact]
    public void Plus_equals_appends_to_the_fallback_list()
    {
        var config = Parse("a.list += 3").WithFallback(Parse("a.list = [1, 2]"));
        Assert.Equal(["1", "2", "3"], config.GetStringList("a.list"));
    }

    [Fact]
    public void Self_reference_without_an_earlier_value_is_a_clear_error()
    {
        var config = Parse("x = ${x} more");
        var error = Assert.Throws<ConfigurationException>(() => config.GetString("x"));
        Assert.Contains("refers to 'x' itself, which has no earlier value", error.Message);
    }

    [Fact]
    public void Self_reference_to_a_field_of_the_earlier_object_works()
    {
        var config = Parse("a { x = 1 }\na { x = ${a.x}0, y = 2 }");
        Assert.Equal(10, config.GetInt("a.x"));
        Assert.Equal(2, config.GetInt("a.y"));
    }

    [Fact]
    public void Substitution_inside_a_list_element_is_resolved()
    {
        var config = Parse("host = h1\nnodes = [${host}, \"${host}\", ${?absent.key}]");
        Assert.Equal(["h1", "${host}"], config.GetStringList("nodes"));
    }

    [Fact]
    public void Concatenating_an_object_substitution_with_a_string_is_an_error_naming_the_key()
    {
        var config = Parse("obj { x = 1 }\nbad = ${obj} text");
        var error = Assert.Throws<ConfigurationException>(() => config.GetString("bad"));
        Assert.Contains("cannot concatenate an object and a string in the value of 'bad'", error.Message);
    }

    [Fact]
    public void Resolution_error_is_raised_by_any_read_and_repeated()
    {
        var config = Parse("a = ${missing}\nb = 1");
        Assert.Throws<ConfigurationException>(() => config.GetInt("b"));
        Assert.Throws<ConfigurationException>(() => config.HasPath("b"));
    }
}
