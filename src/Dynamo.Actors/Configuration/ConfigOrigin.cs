namespace Dynamo.Actors.Configuration;

/// <summary>
/// Where a configuration value was written: the file (or the origin name given to the parser),
/// and the 1-based line and column of its first character.
/// </summary>
/// <param name="File">The file path or origin name; null when the text had no name.</param>
/// <param name="Line">1-based line number.</param>
/// <param name="Column">1-based column number.</param>
public sealed record ConfigOrigin(string? File, int Line, int Column)
{
    /// <summary>Renders as <c>file:line:column</c>, the form compilers use, so editors can jump to it.</summary>
    public override string ToString() => $"{File ?? "<string>"}:{Line}:{Column}";
}
