using Akka.Configuration;

namespace Dynamo.Configuration;

/// <summary>
/// Akka's <see cref="ConfigurationException"/> for a value that is missing, of the wrong type or out of range,
/// with a message that starts with the full dotted key.
/// </summary>
public static class ConfigErrors
{
    /// <summary>
    /// An error about a value of the section at <paramref name="sectionPath"/>: the message is <c>full-key: problem</c>.
    /// </summary>
    /// <param name="sectionPath">The dotted path of the section the value was read from, e.g. <c>dynamo.kv</c>.</param>
    /// <param name="key">The value's path within that section.</param>
    /// <param name="problem">What is wrong with the value, e.g. <c>must be positive</c>.</param>
    public static ConfigurationException InvalidValue(string sectionPath, string key, string problem) =>
        new($"{sectionPath}.{key}: {problem}");
}
