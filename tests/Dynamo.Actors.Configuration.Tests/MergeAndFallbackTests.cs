using Dynamo.Actors.Configuration;
using Xunit;

namespace Dynamo.Actors.Configuration.Tests;

public class MergeAndFallbackTests
{
    private static Config Parse(string text, string origin = "test.conf") => ConfigurationFactory.ParseString(text, origin);

    [Fact]
    public void With_fallback_merges_objects_deeply_and_this_wins()
    {
        var node = Parse("dynamo.actor { ask-timeout = 10s }");
        var reference = Parse("dynamo.actor { ask-timeout = 5s, log-dead-letters = 10, debug.unhandled = off }");
        var config = node.WithFallback(reference);
        Assert.Equal(TimeSpan.FromSeconds(10), config.GetTimeSpan("dynamo.actor.ask-timeout"));
        Assert.Equal(10, config.GetInt("dynamo.actor.log-dead-letters"));
        Assert.False(config.GetBoolean("dynamo.actor.debug.unhandled"));
    }

    [Fact]
    public void With_fallback_lets_a_scalar_hide_a_fallback_object_and_the_reverse()
    {
        var config = Parse("a = off\nb { x = 1 }").WithFallback(Parse("a { x = 1 }\nb = 5"));
        Assert.Equal("off", config.GetString("a"));
        Assert.Equal(1, config.GetInt("b.x"));
    }

    [Fact]
    public void With_fallback_does_not_change_either_config()
    {
        var top = Parse("a = 1");
        var fallback = Parse("b = 2");
        _ = top.WithFallback(fallback);
        Assert.False(top.HasPath("b"));
        Assert.False(fallback.HasPath("a"));
    }

    [Fact]
    public void Chained_fallbacks_apply_in_priority_order()
    {
        var config = Parse("a = 1").WithFallback(Parse("a = 2\nb = 2")).WithFallback(Parse("a = 3\nb = 3\nc = 3"));
        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b"));
        Assert.Equal(3, config.GetInt("c"));
    }

    [Fact]
    public void Origin_of_a_merged_value_is_the_layer_that_supplied_it()
    {
        var config = Parse("x.a = 1", "node.conf").WithFallback(Parse("x {\n  a = 0\n  b = 2\n}", "reference.conf"));
        Assert.Equal(new ConfigOrigin("node.conf", 1, 7), config.OriginOf("x.a"));
        Assert.Equal(new ConfigOrigin("reference.conf", 3, 7), config.OriginOf("x.b"));
        Assert.Null(config.OriginOf("x.c"));
    }

    [Fact]
    public void Keys_lists_root_keys_in_written_order()
    {
        var config = Parse("zeta = 1\nalpha { b = 1 }\nmid = 2\nzeta = 3");
        Assert.Equal(["zeta", "alpha", "mid"], config.Keys);
    }

    [Fact]
    public void Flatten_lists_every_leaf_with_a_rendered_value()
    {
        var config = Parse("a { b = 1, c = [x, \"y z\"] }\nd = \"dynamo.tcp://s@h:1\"\ne {}\nf = null");
        KeyValuePair<string, string>[] expected =
        [
            new("a.b", "1"),
            new("a.c", "[x, \"y z\"]"),
            new("d", "\"dynamo.tcp://s@h:1\""),
            new("e", "{}"),
            new("f", "null"),
        ];
        Assert.Equal(expected, config.Flatten());
    }

    [Fact]
    public void Get_config_returns_the_subtree_and_empty_when_absent()
    {
        var config = Parse("dynamo.actor { ask-timeout = 5s }");
        var actor = config.GetConfig("dynamo.actor");
        Assert.Equal(["ask-timeout"], actor.Keys);
        Assert.Equal(TimeSpan.FromSeconds(5), actor.GetTimeSpan("ask-timeout"));
        var absent = config.GetConfig("dynamo.nothing");
        Assert.Empty(absent.Keys);
        Assert.Empty(Config.Empty.Keys);
    }

    [Fact]
    public void Errors_from_a_subtree_name_the_full_key()
    {
        var actor = Parse("dynamo.actor { ask-timeout = soon }").GetConfig("dynamo.actor");
        var wrong = Assert.Throws<ConfigurationException>(() => actor.GetTimeSpan("ask-timeout"));
        Assert.Equal("dynamo.actor.ask-timeout", wrong.Key);
        var missing = Assert.Throws<ConfigurationException>(() => actor.GetInt("throughput"));
        Assert.Equal("dynamo.actor.throughput", missing.Key);
    }

    [Fact]
    public void Get_config_list_reads_each_object()
    {
        var config = Parse("nodes = [\n  { host = a, port = 1 }\n  { host = b, port = 2 }\n]");
        var nodes = config.GetConfigList("nodes");
        Assert.Equal(["a", "b"], nodes.Select(n => n.GetString("host")));
        Assert.Equal([1, 2], nodes.Select(n => n.GetInt("port")));
    }

    [Fact]
    public void To_string_renders_hocon_that_parses_back_to_the_same_leaves()
    {
        var config = Parse("a { b = 1, \"c.d\" = \"x\\ny\" }\nlist = [1, { k = v }]\nempty {}\nn = null");
        var again = Parse(config.ToString());
        Assert.Equal(config.Flatten(), again.Flatten());
    }
}
