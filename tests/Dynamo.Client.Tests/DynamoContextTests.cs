namespace Dynamo.Client.Tests;

/// <summary>The context's header form: base64url without padding, padding accepted on input.</summary>
public sealed class DynamoContextTests
{
    [Fact]
    public void The_header_form_is_base64url_without_padding_and_parses_back()
    {
        var context = new DynamoContext([0xFB, 0xFF, 0x01, 0x02]);

        var text = context.ToBase64Url();

        Assert.DoesNotContain('=', text);
        Assert.DoesNotContain('+', text);
        Assert.DoesNotContain('/', text);
        Assert.Equal(context, DynamoContext.FromBase64Url(text));
        Assert.Equal(context, DynamoContext.FromBase64Url(text + "=="));
    }

    [Fact]
    public void Text_that_is_not_base64url_is_refused_naming_it()
    {
        var error = Assert.Throws<FormatException>(() => DynamoContext.FromBase64Url("not*base64"));

        Assert.Contains("not*base64", error.Message);
    }
}
