using Dynamo.Actors.Configuration;
using Xunit;

namespace Dynamo.Actors.Configuration.Tests;

public sealed class IncludeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dynamo-hocon-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Func<string, string?> Files(params (string Name, string Text)[] files) =>
        name => files.FirstOrDefault(f => f.Name == name).Text;

    [Fact]
    public void Include_through_the_resolver_merges_at_that_point_and_later_keys_win()
    {
        var resolver = Files(("common.conf", "a = 1\nb = 1\nobj { x = 1 }"));
        var config = ConfigurationFactory.ParseString("b = 0\ninclude \"common.conf\"\na = 2\nobj { y = 2 }", "main.conf", resolver);
        Assert.Equal(2, config.GetInt("a"));
        Assert.Equal(1, config.GetInt("b"));
        Assert.Equal(1, config.GetInt("obj.x"));
        Assert.Equal(2, config.GetInt("obj.y"));
    }

    [Fact]
    public void Include_file_and_required_forms_are_accepted()
    {
        var resolver = Files(("a.conf", "a = 1"), ("b.conf", "b = 2"), ("c.conf", "c = 3"));
        var config = ConfigurationFactory.ParseString(
            "include file(\"a.conf\")\ninclude required(\"b.conf\")\ninclude required(file(\"c.conf\"))", "main.conf", resolver);
        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b"));
        Assert.Equal(3, config.GetInt("c"));
    }

    [Fact]
    public void Include_inside_an_object_nests_the_included_keys_and_their_substitutions()
    {
        var resolver = Files(("part.conf", "x = 1\ny = ${x}"));
        var config = ConfigurationFactory.ParseString("outer { include \"part.conf\" }", "main.conf", resolver);
        Assert.Equal(1, config.GetInt("outer.x"));
        Assert.Equal(1, config.GetInt("outer.y"));
        Assert.False(config.HasPath("x"));
    }

    [Fact]
    public void Missing_plain_include_is_skipped_as_the_spec_says()
    {
        var config = ConfigurationFactory.ParseString("include \"local.conf\"\na = 1", "main.conf", Files());
        Assert.Equal(["a"], config.Keys);
    }

    [Fact]
    public void Missing_required_include_fails_with_position()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            ConfigurationFactory.ParseString("a = 1\ninclude required(\"gone.conf\")", "main.conf", Files()));
        Assert.StartsWith("main.conf:2:18: required include \"gone.conf\" not found", error.Message);
    }

    [Fact]
    public void Include_without_a_resolver_is_an_error_not_a_silent_skip()
    {
        var error = Assert.Throws<ConfigurationException>(() => ConfigurationFactory.ParseString("include \"x.conf\"", "main.conf"));
        Assert.Contains("without an include resolver", error.Message);
    }

    [Fact]
    public void Include_cycle_is_reported_with_the_chain()
    {
        var resolver = Files(("a.conf", "include \"b.conf\""), ("b.conf", "include \"a.conf\""));
        var error = Assert.Throws<ConfigurationException>(() => ConfigurationFactory.ParseString("include \"a.conf\"", "main.conf", resolver));
        Assert.Contains("include cycle: main.conf -> a.conf -> b.conf -> a.conf", error.Message);
        Assert.Equal("b.conf", error.File);
    }

    [Fact]
    public void Parse_error_in_an_included_text_names_that_text()
    {
        var resolver = Files(("bad.conf", "ok = 1\nbroken"));
        var error = Assert.Throws<ConfigurationException>(() => ConfigurationFactory.ParseString("include \"bad.conf\"", "main.conf", resolver));
        Assert.Equal("bad.conf", error.File);
        Assert.Equal(2, error.Line);
        Assert.Contains("expected '=' or ':' after key 'broken'", error.Message);
    }

    [Fact]
    public void Files_include_relative_to_the_folder_of_the_including_file()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "conf", "parts"));
        File.WriteAllText(Path.Combine(_folder, "conf", "node.conf"), "include \"parts/cluster.conf\"\nname = node-1");
        File.WriteAllText(Path.Combine(_folder, "conf", "parts", "cluster.conf"), "cluster { include \"ports.conf\" }");
        File.WriteAllText(Path.Combine(_folder, "conf", "parts", "ports.conf"), "port = 2552");

        var config = ConfigurationFactory.ParseFile(Path.Combine(_folder, "conf", "node.conf"));

        Assert.Equal("node-1", config.GetString("name"));
        Assert.Equal(2552, config.GetInt("cluster.port"));
        var origin = config.OriginOf("cluster.port");
        Assert.NotNull(origin);
        Assert.Equal(Path.Combine(_folder, "conf", "parts", "ports.conf"), origin.File);
        Assert.Equal(1, origin.Line);
        Assert.Equal(8, origin.Column);
    }

    [Fact]
    public void Missing_file_is_reported_by_name()
    {
        var error = Assert.Throws<ConfigurationException>(() => ConfigurationFactory.ParseFile(Path.Combine(_folder, "absent.conf")));
        Assert.Contains("absent.conf' not found", error.Message);
    }

    [Fact]
    public void Classpath_include_reads_the_embedded_reference_conf()
    {
        var config = ConfigurationFactory.ParseString("include classpath(\"reference.conf\")\ndynamo.actor.ask-timeout = 9s");
        Assert.Equal(TimeSpan.FromSeconds(9), config.GetTimeSpan("dynamo.actor.ask-timeout"));
        Assert.Equal(30, config.GetInt("dynamo.actor.default-dispatcher.throughput"));
    }

    [Fact]
    public void Url_include_is_rejected()
    {
        var error = Assert.Throws<ConfigurationException>(() => ConfigurationFactory.ParseString("include url(\"http://x/y.conf\")", "m.conf", Files()));
        Assert.Contains("url() includes are not supported", error.Message);
    }

    [Fact]
    public void A_key_named_include_still_works_when_not_followed_by_a_name()
    {
        var config = ConfigurationFactory.ParseString("include = yes");
        Assert.True(config.GetBoolean("include"));
    }
}
