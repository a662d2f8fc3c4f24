namespace Dynamo.Actors.Configuration;

/// <summary>
/// A configuration could not be parsed, resolved or read as the requested type.
/// The message starts with <c>file:line:column</c> when the position is known and names the key.
/// </summary>
public sealed class ConfigurationException : Exception
{
    /// <summary>Creates an exception for a problem with no position (e.g. a key that is not found).</summary>
    public ConfigurationException(string message, string? key = null)
        : base(message)
    {
        Key = key;
    }

    /// <summary>Creates an exception for a problem at a position in a configuration source.</summary>
    /// <param name="origin">Where the offending text is; its file, line and column prefix the message.</param>
    /// <param name="problem">What is wrong, without the position.</param>
    /// <param name="key">The full dotted key the problem concerns, when there is one.</param>
    public ConfigurationException(ConfigOrigin origin, string problem, string? key = null)
        : base($"{origin}: {problem}")
    {
        File = origin.File;
        Line = origin.Line;
        Column = origin.Column;
        Key = key;
    }

    /// <summary>
    /// An error about a value that was read but is out of range: the message is <c>full-key: problem</c> and starts
    /// with the file, line and column where the value was written when <paramref name="section"/> knows them.
    /// </summary>
    /// <param name="section">The section the value was read from.</param>
    /// <param name="sectionPath">
    /// The dotted path of <paramref name="section"/> from the root, so that the message names the key as written in
    /// a whole file even when the section was handed on without its place.
    /// </param>
    /// <param name="key">The value's path within <paramref name="section"/>.</param>
    /// <param name="problem">What is wrong with the value, e.g. <c>must be positive</c>.</param>
    public static ConfigurationException InvalidValue(Config section, string sectionPath, string key, string problem)
    {
        ArgumentNullException.ThrowIfNull(section);
        var full = sectionPath + "." + key;
        return section.OriginOf(key) is { } origin
            ? new ConfigurationException(origin, $"{full}: {problem}", full)
            : new ConfigurationException($"{full}: {problem}", full);
    }

    /// <summary>The file or origin name of the offending text; null when unknown.</summary>
    public string? File { get; }

    /// <summary>1-based line of the offending text; 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>1-based column of the offending text; 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>The full dotted key the problem concerns; null when the problem is not about one key.</summary>
    public string? Key { get; }
}
