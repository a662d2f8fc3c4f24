using System.Globalization;
using Akka.Configuration;

namespace Dynamo.Configuration;

/// <summary>
/// Typed reads of a section of Akka's <see cref="Config"/> that fail with a <see cref="ConfigurationException"/>
/// naming the full key. Akka's getters return a default for a missing key and throw format errors that name no
/// key; a node must refuse to start instead, and say which key is wrong.
/// </summary>
public static class ConfigReaders
{
    /// <summary>The string at <paramref name="key"/> of the section at <paramref name="section"/>.</summary>
    public static string ReadString(this Config c, string section, string key) =>
        Read(c, section, key, "a string", () => c.GetString(key) ?? throw new FormatException("not a string"));

    /// <summary>The 32-bit integer at <paramref name="key"/>.</summary>
    public static int ReadInt(this Config c, string section, string key) =>
        Read(c, section, key, "an integer", () => int.Parse(Scalar(c, key), NumberStyles.Integer, CultureInfo.InvariantCulture));

    /// <summary>The 64-bit integer at <paramref name="key"/>.</summary>
    public static long ReadLong(this Config c, string section, string key) =>
        Read(c, section, key, "an integer", () => long.Parse(Scalar(c, key), NumberStyles.Integer, CultureInfo.InvariantCulture));

    /// <summary>The number at <paramref name="key"/>.</summary>
    public static double ReadDouble(this Config c, string section, string key) =>
        Read(c, section, key, "a number", () => double.Parse(Scalar(c, key), NumberStyles.Float, CultureInfo.InvariantCulture));

    /// <summary>The switch at <paramref name="key"/>: on, off, true, false, yes or no.</summary>
    public static bool ReadBoolean(this Config c, string section, string key) =>
        Read(c, section, key, "on or off", () => Scalar(c, key).ToLowerInvariant() switch
        {
            "on" or "true" or "yes" => true,
            "off" or "false" or "no" => false,
            _ => throw new FormatException("not a switch"),
        });

    /// <summary>The duration at <paramref name="key"/> (500ms, 2 s, 1 minute).</summary>
    public static TimeSpan ReadTimeSpan(this Config c, string section, string key) =>
        Read(c, section, key, "a duration", () => c.GetTimeSpan(key, allowInfinite: false));

    /// <summary>The size in bytes at <paramref name="key"/> (64KiB, 1MiB, 4096).</summary>
    public static long ReadByteSize(this Config c, string section, string key) =>
        Read(c, section, key, "a size in bytes", () => c.GetByteSize(key) ?? throw new FormatException("not a size"));

    /// <summary>The list of strings at <paramref name="key"/>.</summary>
    public static IReadOnlyList<string> ReadStringList(this Config c, string section, string key) =>
        Read(c, section, key, "a list of strings", () => (IReadOnlyList<string>)[.. c.GetStringList(key)]);

    private static string Scalar(Config c, string key) => c.GetString(key)?.Trim() ?? throw new FormatException("not a value");

    private static T Read<T>(Config c, string section, string key, string expected, Func<T> read)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (!c.HasPath(key)) throw ConfigErrors.InvalidValue(section, key, "is missing");
        try
        {
            return read();
        }
        catch (Exception e) when (e is not ConfigurationException)
        {
            string written = TryText(c, key);
            throw new ConfigurationException($"{section}.{key}: expected {expected}, but was {written}", e);
        }
    }

    private static string TryText(Config c, string key)
    {
        try
        {
            return c.GetValue(key)?.ToString() is { } text ? $"'{text}'" : "empty";
        }
        catch (Exception)
        {
            return "not readable";
        }
    }
}
