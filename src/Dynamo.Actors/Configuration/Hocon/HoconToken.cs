namespace Dynamo.Actors.Configuration.Hocon;

/// <summary>One lexical piece with its decoded text and where it starts.</summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Text">Decoded text: string contents without quotes, the path inside <c>${ }</c>, or the raw characters.</param>
/// <param name="Line">1-based line of the first character.</param>
/// <param name="Column">1-based column of the first character.</param>
internal readonly record struct HoconToken(HoconTokenKind Kind, string Text, int Line, int Column)
{
    /// <summary>How the token reads in an error message.</summary>
    public string Describe() => Kind switch
    {
        HoconTokenKind.EndOfInput => "end of input",
        HoconTokenKind.NewLine => "end of line",
        HoconTokenKind.Whitespace => "whitespace",
        HoconTokenKind.Quoted => $"\"{Text}\"",
        HoconTokenKind.Substitution => $"'${{{Text}}}'",
        HoconTokenKind.OptionalSubstitution => $"'${{?{Text}}}'",
        _ => $"'{Text}'",
    };
}
