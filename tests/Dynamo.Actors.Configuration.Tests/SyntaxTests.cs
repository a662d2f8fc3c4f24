using Dynamo.Actors.Configuration;
using Xunit;

namespace Dynamo.Actors.Configuration.Tests;

public class SyntaxTests
{
    private static Config Parse(string text) => ConfigurationFactory.ParseString(text, "test.conf");

    [Fact]
    public void Equals_colon_and_brace_without_separator_all_define_fields()
    {
        var config = Parse("a = 1\nb : 2\nc { d = 3 }\ne: { f: 4 }");
        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b"));
        Assert.Equal(3, config.GetInt("c.d"));
        Assert.Equal(4, config.GetInt("e.f"));
    }

    [Fact]
    public void Root_braces_are_optional()
    {
        var braced = Parse("{ a = 1, b { c = x } }");
        var bare = Parse("a = 1, b { c = x }");
        Assert.Equal(bare.Flatten(), braced.Flatten());
        Assert.Equal("x", braced.GetString("b.c"));
    }

    [Fact]
    public void Dotted_keys_create_nested_objects_that_merge_with_braced_ones()
    {
        var config = Parse("a.b.c = 1\na { b { d = 2 } }\na.e = 3");
        Assert.Equal(1, config.GetInt("a.b.c"));
        Assert.Equal(2, config.GetInt("a.b.d"));
        Assert.Equal(3, config.GetInt("a.e"));
        Assert.Equal(["b", "e"], config.GetConfig("a").Keys);
    }

    [Fact]
    public void Quoted_key_keeps_dots_inside_one_element()
    {
        var config = Parse("\"a.b\" = 1\nx.\"y.z\".w = 2");
        Assert.Equal(1, config.GetInt("\"a.b\""));
        Assert.False(config.HasPath("a.b"));
        Assert.Equal(2, config.GetInt("x.\"y.z\".w"));
        Assert.Equal(["y.z"], config.GetConfig("x").Keys);
    }

    [Fact]
    public void Quoted_strings_decode_every_json_escape()
    {
        var config = Parse(@"s = ""q\"" b\\ s\/ \b\f\n\r\t u\u00e9\u263A""");
        Assert.Equal("q\" b\\ s/ \b\f\n\r\t u\u00e9\u263A", config.GetString("s"));
    }

    [Fact]
    public void Unquoted_strings_keep_dots_dashes_and_slashes()
    {
        var config = Parse("path = /var/lib/dynamo\nversion = 1.2.3-beta\nhost = node-1.local");
        Assert.Equal("/var/lib/dynamo", config.GetString("path"));
        Assert.Equal("1.2.3-beta", config.GetString("version"));
        Assert.Equal("node-1.local", config.GetString("host"));
    }

    [Fact]
    public void Triple_quoted_string_spans_lines_without_escapes()
    {
        var config = Parse("s = \"\"\"line one\n  \"quoted\" \\n raw\nend\"\"\"\nt = 1");
        Assert.Equal("line one\n  \"quoted\" \\n raw\nend", config.GetString("s"));
        Assert.Equal(1, config.GetInt("t"));
    }

    [Fact]
    public void Triple_quoted_string_keeps_extra_quotes_before_the_closing_three()
    {
        var config = Parse("s = \"\"\"say \"hi\"\"\"\"");
        Assert.Equal("say \"hi\"", config.GetString("s"));
    }

    [Fact]
    public void Unquoted_tokens_on_one_line_concatenate_with_their_whitespace()
    {
        var config = Parse("a = foo bar   baz\nb = \"x\"y \"z\"\nc = 10 seconds");
        Assert.Equal("foo bar   baz", config.GetString("a"));
        Assert.Equal("xy z", config.GetString("b"));
        Assert.Equal(TimeSpan.FromSeconds(10), config.GetTimeSpan("c"));
    }

    [Fact]
    public void Arrays_accept_commas_new_lines_and_a_trailing_comma()
    {
        var config = Parse("a = [1, 2, 3]\nb = [\n  x\n  y,\n  z,\n]\nc = []");
        Assert.Equal(["1", "2", "3"], config.GetStringList("a"));
        Assert.Equal(["x", "y", "z"], config.GetStringList("b"));
        Assert.Empty(config.GetStringList("c"));
    }

    [Fact]
    public void Adjacent_arrays_concatenate_and_adjacent_objects_merge()
    {
        var config = Parse("a = [1, 2] [3]\nb = { x = 1, y = 1 } { y = 2 }");
        Assert.Equal(["1", "2", "3"], config.GetStringList("a"));
        Assert.Equal(1, config.GetInt("b.x"));
        Assert.Equal(2, config.GetInt("b.y"));
    }

    [Fact]
    public void Hash_and_double_slash_comments_are_ignored_but_end_the_line()
    {
        var config = Parse("# leading\na = 1 # trailing\n// another\nb = two // trailing\nc = \"#not a comment\"\nd = http-ish");
        Assert.Equal(["a", "b", "c", "d"], config.Keys);
        Assert.Equal("1", config.GetString("a"));
        Assert.Equal("two", config.GetString("b"));
        Assert.Equal("#not a comment", config.GetString("c"));
    }

    [Fact]
    public void Later_object_merges_into_earlier_object_with_the_same_key()
    {
        var config = Parse("a { x = 1, y = 1 }\na { y = 2, z = 2 }");
        Assert.Equal(1, config.GetInt("a.x"));
        Assert.Equal(2, config.GetInt("a.y"));
        Assert.Equal(2, config.GetInt("a.z"));
    }

    [Fact]
    public void Later_non_object_replaces_earlier_value_and_later_object_replaces_a_string()
    {
        var config = Parse("a { x = 1 }\na = 5\nb = 5\nb { x = 1 }");
        Assert.Equal(5, config.GetInt("a"));
        Assert.Equal(1, config.GetInt("b.x"));
    }

    [Fact]
    public void Scalar_after_several_merged_definitions_hides_them_all()
    {
        var config = Parse("a.x = 1\na.y = 2\na { w = 0 }\na = 5\na.z = 3");
        Assert.Equal(["z"], config.GetConfig("a").Keys);
        Assert.Equal(3, config.GetInt("a.z"));
    }

    [Fact]
    public void Null_hides_earlier_value_and_counts_as_absent()
    {
        var config = Parse("a = 1\na = null\nb = \"null\"");
        Assert.False(config.HasPath("a"));
        Assert.Equal(7, config.GetInt("a", 7));
        Assert.Equal("null", config.GetString("b"));
    }

    [Fact]
    public void Key_written_in_pieces_keeps_the_whitespace_between_them()
    {
        var config = Parse("foo bar = 1");
        Assert.Equal(1, config.GetInt("\"foo bar\""));
    }

    [Fact]
    public void Value_may_start_on_the_line_after_the_separator()
    {
        var config = Parse("a =\n  42");
        Assert.Equal(42, config.GetInt("a"));
    }

    [Fact]
    public void Windows_line_endings_parse_like_unix_ones()
    {
        var config = Parse("a = 1\r\nb {\r\n  c = x\r\n}\r\n");
        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal("x", config.GetString("b.c"));
    }

    [Fact]
    public void Plus_equals_appends_to_an_earlier_list_or_starts_one()
    {
        var config = Parse("a = [1]\na += 2\na += 3\nb += x");
        Assert.Equal(["1", "2", "3"], config.GetStringList("a"));
        Assert.Equal(["x"], config.GetStringList("b"));
    }

    [Fact]
    public void Empty_document_is_an_empty_config()
    {
        var config = Parse("  \n# nothing here\n");
        Assert.Empty(config.Keys);
        Assert.Empty(config.Flatten());
    }
}
