namespace Dynamo.Actors.Configuration.Hocon;

/// <summary>
/// A leaf: a quoted or unquoted string, a number, a boolean, or null. HOCON keeps numbers and
/// booleans as the text written, so typed getters interpret the text when asked.
/// </summary>
internal sealed class HoconScalar : HoconValue
{
    public HoconScalar(string? text, ConfigOrigin origin, bool isSeparator = false)
        : base(origin)
    {
        Text = text;
        IsSeparator = isSeparator;
    }

    /// <summary>The text of the value; null for the HOCON <c>null</c> literal.</summary>
    public string? Text { get; }

    /// <summary>True for the <c>null</c> literal, which hides a fallback value but is not a value itself.</summary>
    public bool IsNull => Text is null;

    /// <summary>
    /// True for whitespace between two parts of a value concatenation: kept when the parts join
    /// into a string (<c>foo bar</c>) but dropped when they join into an array or object.
    /// </summary>
    public bool IsSeparator { get; }

    public override bool IsResolved => true;

    public override string Describe() => IsNull ? "null" : "a string";
}
