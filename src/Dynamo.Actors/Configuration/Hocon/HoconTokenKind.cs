namespace Dynamo.Actors.Configuration.Hocon;

/// <summary>The lexical pieces of HOCON text.</summary>
internal enum HoconTokenKind
{
    EndOfInput,
    NewLine,
    Whitespace,
    Comma,
    Colon,
    Equals,
    PlusEquals,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    Unquoted,
    Quoted,
    Substitution,
    OptionalSubstitution,
}
