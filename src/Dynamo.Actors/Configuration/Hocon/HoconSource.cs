namespace Dynamo.Actors.Configuration.Hocon;

/// <summary>
/// Text to parse, the name its positions are reported under, and how to find the files it
/// includes (each included source carries its own loader, so nested includes resolve
/// relative to the file that wrote them).
/// </summary>
/// <param name="Text">The HOCON text.</param>
/// <param name="OriginName">File path or name used in origins and error messages.</param>
/// <param name="Includes">Finds an included name; returns null when it does not exist. Null when includes cannot be resolved at all.</param>
internal sealed record HoconSource(string Text, string? OriginName, Func<string, HoconSource?>? Includes);
