using System.CommandLine;
using Dynamo.Client;

namespace Dynamo.Cli.Keys;

/// <summary>The arguments and options the key commands share, and their checks.</summary>
public static class KeyOptions
{
    /// <summary>The bucket argument.</summary>
    public static Argument<string> Bucket() => new("bucket") { Description = "The bucket" };

    /// <summary>The key argument.</summary>
    public static Argument<string> Key() => new("key") { Description = "The key" };

    /// <summary>A quorum override, <c>--r</c> or <c>--w</c>.</summary>
    public static Option<int?> Quorum(string name, string description) => new("--" + name) { Description = description, HelpName = "N" };

    /// <summary>The causal context a write follows, as printed by get or put.</summary>
    public static Option<string?> Context(string description) => new("--context") { Description = description, HelpName = "context" };

    /// <summary>The quorum given, checked to be at least 1.</summary>
    /// <exception cref="UsageException">It is less than 1.</exception>
    public static int? CheckedQuorum(string name, int? value) =>
        value is < 1 ? throw new UsageException($"--{name} must be at least 1, but was {value}") : value;

    /// <summary>The context given, parsed.</summary>
    /// <exception cref="UsageException">It is not base64url.</exception>
    public static DynamoContext? ParsedContext(string? text)
    {
        if (text is null) return null;
        try
        {
            return DynamoContext.FromBase64Url(text);
        }
        catch (FormatException)
        {
            throw new UsageException($"--context must be a context as get or put printed it (base64url), but was '{text}'");
        }
    }
}
