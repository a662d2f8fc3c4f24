namespace Dynamo.Actors.Internal;

/// <summary>Glob matching for actor selections: <c>*</c> matches any run of characters, <c>?</c> exactly one.</summary>
internal static class Wildcard
{
    public static bool IsPattern(string element) => element.Contains('*') || element.Contains('?');

    public static bool IsMatch(string text, string pattern) => IsMatch(text.AsSpan(), pattern.AsSpan());

    private static bool IsMatch(ReadOnlySpan<char> text, ReadOnlySpan<char> pattern)
    {
        while (!pattern.IsEmpty)
        {
            char p = pattern[0];
            if (p == '*')
            {
                pattern = pattern[1..];
                if (pattern.IsEmpty) return true;
                for (int i = 0; i <= text.Length; i++)
                    if (IsMatch(text[i..], pattern)) return true;
                return false;
            }
            if (text.IsEmpty || (p != '?' && p != text[0])) return false;
            text = text[1..];
            pattern = pattern[1..];
        }
        return text.IsEmpty;
    }
}
