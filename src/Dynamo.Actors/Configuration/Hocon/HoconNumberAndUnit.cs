namespace Dynamo.Actors.Configuration.Hocon;

/// <summary>Splits <c>"1.5 MiB"</c> or <c>"500ms"</c> into the number and the unit word.</summary>
internal static class HoconNumberAndUnit
{
    public static bool TrySplit(string text, out string number, out string unit)
    {
        int i = 0;
        if (i < text.Length && text[i] is '-' or '+') i++;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.')) i++;
        number = text[..i];
        unit = text[i..].Trim();
        return number.Any(char.IsAsciiDigit) && unit.All(char.IsAsciiLetter);
    }
}
