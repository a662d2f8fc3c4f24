using System.Collections.Frozen;
using System.Globalization;

namespace Dynamo.Actors.Configuration.Hocon;

/// <summary>
/// Durations as HOCON writes them: a number, optional whitespace, a unit
/// (<c>500ms</c>, <c>2 s</c>, <c>1.5 minutes</c>, <c>3d</c>). A bare number means milliseconds,
/// as in the spec; <c>infinite</c> means <see cref="Timeout.InfiniteTimeSpan"/>, as Akka uses it.
/// </summary>
internal static class HoconDuration
{
    private static readonly FrozenDictionary<string, double> TicksPerUnit = BuildUnits();

    /// <summary>The accepted forms, for error messages.</summary>
    public const string Expected = "a duration such as 500ms, 2 s, 1.5 minutes, 3d or infinite (units: ns, us, ms, s, m, h, d)";

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        string t = text.Trim();
        if (t.Equals("infinite", StringComparison.OrdinalIgnoreCase) || t.Equals("inf", StringComparison.OrdinalIgnoreCase))
        {
            value = Timeout.InfiniteTimeSpan;
            return true;
        }
        if (!HoconNumberAndUnit.TrySplit(t, out string number, out string unit)) return false;
        if (!TicksPerUnit.TryGetValue(unit, out double factor)) return false;
        if (!double.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double amount))
            return false;
        double ticks = Math.Round(amount * factor);
        if (double.IsNaN(ticks) || ticks >= long.MaxValue || ticks <= long.MinValue) return false;
        value = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    private static FrozenDictionary<string, double> BuildUnits()
    {
        var units = new Dictionary<string, double>(StringComparer.Ordinal) { [""] = TimeSpan.TicksPerMillisecond };
        void Add(double ticks, params string[] names)
        {
            foreach (string name in names) units[name] = ticks;
        }
        Add(0.01, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
        Add(10, "us", "micro", "micros", "microsecond", "microseconds");
        Add(TimeSpan.TicksPerMillisecond, "ms", "milli", "millis", "millisecond", "milliseconds");
        Add(TimeSpan.TicksPerSecond, "s", "second", "seconds");
        Add(TimeSpan.TicksPerMinute, "m", "minute", "minutes");
        Add(TimeSpan.TicksPerHour, "h", "hour", "hours");
        Add(TimeSpan.TicksPerDay, "d", "day", "days");
        return units.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
