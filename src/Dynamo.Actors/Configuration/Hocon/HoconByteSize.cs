using System.Collections.Frozen;
using System.Globalization;

namespace Dynamo.Actors.Configuration.Hocon;

/// <summary>
/// Sizes in bytes as the HOCON spec writes them: a bare number is bytes; single letters and
/// "i" forms (<c>k</c>, <c>K</c>, <c>Ki</c>, <c>KiB</c>, <c>M</c>, <c>MiB</c>, ...) are powers of 1024;
/// forms ending in "B" without "i" (<c>kB</c>, <c>KB</c>, <c>MB</c>, <c>GB</c>, ...) and the SI words are
/// powers of 1000. Fractions are allowed (<c>1.5 MiB</c>); a fractional byte count is truncated.
/// </summary>
internal static class HoconByteSize
{
    private static readonly FrozenDictionary<string, decimal> BytesPerUnit = BuildUnits();

    /// <summary>The accepted forms, for error messages.</summary>
    public const string Expected = "a size in bytes such as 1024, 512k, 64MiB or 1 MB (k/Ki/KiB = 1024, kB/KB = 1000; likewise M, G, T, P, E)";

    public static bool TryParse(string text, out long value)
    {
        value = 0;
        if (!HoconNumberAndUnit.TrySplit(text.Trim(), out string number, out string unit)) return false;
        if (!BytesPerUnit.TryGetValue(unit, out decimal factor)) return false;
        if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal amount)) return false;
        try
        {
            decimal bytes = decimal.Truncate(amount * factor);
            if (bytes > long.MaxValue) return false;
            value = (long)bytes;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static FrozenDictionary<string, decimal> BuildUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (string name in new[] { "", "B", "b", "byte", "bytes" }) units[name] = 1;
        string[] si = ["kilo", "mega", "giga", "tera", "peta", "exa"];
        string[] iec = ["kibi", "mebi", "gibi", "tebi", "pebi", "exbi"];
        decimal binary = 1, decimalPower = 1;
        units["kB"] = 1000;
        for (int i = 0; i < si.Length; i++)
        {
            binary *= 1024;
            decimalPower *= 1000;
            string upper = si[i][..1].ToUpperInvariant();
            string lower = si[i][..1];
            foreach (string name in new[] { lower, upper, upper + "i", upper + "iB", iec[i] + "byte", iec[i] + "bytes" })
                units[name] = binary;
            foreach (string name in new[] { upper + "B", si[i] + "byte", si[i] + "bytes" })
                units[name] = decimalPower;
        }
        return units.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
