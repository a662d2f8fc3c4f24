using Dynamo.Actors.Configuration;
using Xunit;

namespace Dynamo.Actors.Configuration.Tests;

public class ParseErrorTests
{
    private static ConfigurationException Fails(string text, string origin = "node.conf") =>
        Assert.Throws<ConfigurationException>(() => ConfigurationFactory.ParseString(text, origin).EnsureResolvedForTest());

    [Fact]
    public void Missing_separator_names_file_line_column_and_full_key()
    {
        var text = string.Concat(Enumerable.Repeat("# filler\n", 11)) + "dynamo.cluster.seed-nodes [\"a\"]";
        var error = Fails(text);
        Assert.Equal("node.conf", error.File);
        Assert.Equal(12, error.Line);
        Assert.Equal(27, error.Column);
        Assert.Equal("dynamo.cluster.seed-nodes", error.Key);
        Assert.StartsWith("node.conf:12:27: expected '=' or ':' after key 'dynamo.cluster.seed-nodes'", error.Message);
    }

    [Fact]
    public void Missing_separator_inside_object_names_the_full_dotted_key()
    {
        var error = Fails("dynamo {\n  cluster {\n    seed-nodes 5\n  }\n}");
        Assert.Equal(3, error.Line);
        Assert.Equal(16, error.Column);
        Assert.Equal("dynamo.cluster.seed-nodes", error.Key);
        Assert.Contains("expected '=' or ':' after key 'dynamo.cluster.seed-nodes'", error.Message);
    }

    [Fact]
    public void Unterminated_string_is_reported_where_it_opens()
    {
        var error = Fails("a = 1\nb = \"open\nc = 2");
        Assert.StartsWith("node.conf:2:5: unterminated quoted string", error.Message);
    }

    [Fact]
    public void Unclosed_object_names_where_it_was_opened_and_its_key()
    {
        var error = Fails("a {\n  b = 1\n");
        Assert.Contains("expected '}' to close the object opened at line 1, column 3", error.Message);
        Assert.Equal("a", error.Key);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Unclosed_list_names_its_key()
    {
        var error = Fails("nodes = [1, 2");
        Assert.Contains("expected ']' to close the list of 'nodes'", error.Message);
        Assert.Equal("nodes", error.Key);
    }

    [Fact]
    public void Stray_closing_brace_is_rejected()
    {
        var error = Fails("a = 1\n}");
        Assert.StartsWith("node.conf:2:1: unexpected '}'", error.Message);
    }

    [Fact]
    public void Forbidden_character_in_unquoted_text_asks_for_quotes()
    {
        var error = Fails("address = dynamo.tcp@host");
        Assert.Equal(1, error.Line);
        Assert.Equal(21, error.Column);
        Assert.Contains("character '@' is not allowed outside quotes", error.Message);
    }

    [Fact]
    public void Colon_inside_a_value_asks_for_quotes_and_names_the_key()
    {
        var error = Fails("seed = host:2552");
        Assert.Equal("seed", error.Key);
        Assert.Equal(12, error.Column);
        Assert.Contains("in the value of 'seed'", error.Message);
    }

    [Fact]
    public void Bad_escape_is_rejected()
    {
        var error = Fails("a = \"bad \\q escape\"");
        Assert.Contains("'\\q' is not a valid escape", error.Message);
    }

    [Fact]
    public void Missing_value_is_rejected_with_the_key()
    {
        var error = Fails("a.b =\n}");
        Assert.Contains("expected a value for 'a.b'", error.Message);
        Assert.Equal("a.b", error.Key);
    }

    [Fact]
    public void Double_comma_is_rejected()
    {
        var error = Fails("a = 1,, b = 2");
        Assert.Contains("expected a key but found ','", error.Message);
        Assert.Equal(7, error.Column);
    }

    [Fact]
    public void Empty_key_element_is_rejected()
    {
        var error = Fails("a..b = 1");
        Assert.Contains("key 'a..b' has an empty element", error.Message);
    }

    [Fact]
    public void Root_list_is_rejected()
    {
        var error = Fails("[1, 2]");
        Assert.Contains("the root of a configuration must be an object", error.Message);
    }

    [Fact]
    public void Two_values_on_one_line_after_a_brace_need_a_separator()
    {
        var error = Fails("a { x = 1 } b = 2");
        Assert.Contains("unexpected '=' in the value of 'a'", error.Message);
    }

    [Fact]
    public void Concatenating_a_list_with_a_string_is_rejected()
    {
        var error = Fails("a = [1] x");
        Assert.Contains("cannot concatenate a list and a string in the value of 'a'", error.Message);
        Assert.Equal("a", error.Key);
    }

    [Fact]
    public void Unterminated_substitution_is_rejected()
    {
        var error = Fails("a = ${b\nc = 1");
        Assert.StartsWith("node.conf:1:5: unterminated substitution", error.Message);
    }

    [Fact]
    public void Text_without_an_origin_name_still_reports_line_and_column()
    {
        var error = Assert.Throws<ConfigurationException>(() => ConfigurationFactory.ParseString("a = }"));
        Assert.Null(error.File);
        Assert.Equal(1, error.Line);
        Assert.Equal(5, error.Column);
    }
}
