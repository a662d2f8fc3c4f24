using System.Globalization;

namespace Dynamo.TestSupport;

/// <summary>
/// How much longer than written the test kit's default waits are, as Akka's <c>akka.test.timefactor</c>: a
/// loaded build machine running every test project at once stalls threads for seconds, and an expectation
/// that waits for a reply must not fail for that. Read once from <c>DYNAMO_TEST_TIMEFACTOR</c> (a number of at
/// least 1; 1 when unset). It only lengthens how long a test waits for something that should happen; waits
/// for something that must not happen (<c>ExpectNoMsg</c>) keep their length.
/// </summary>
public static class TimeFactor
{
    /// <summary>The environment variable that sets the factor.</summary>
    public const string Variable = "DYNAMO_TEST_TIMEFACTOR";

    /// <summary>The factor in effect.</summary>
    public static double Value { get; } = Parse(Environment.GetEnvironmentVariable(Variable));

    /// <summary><paramref name="duration"/> stretched by the factor.</summary>
    public static TimeSpan Dilated(TimeSpan duration) => duration * Value;

    /// <summary>The factor a variable's text gives.</summary>
    /// <exception cref="ArgumentException">The text is not a number of at least 1.</exception>
    public static double Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return 1;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double factor) && factor >= 1 && double.IsFinite(factor))
            return factor;
        throw new ArgumentException($"{Variable} must be a number of at least 1, not '{text}'.");
    }
}
