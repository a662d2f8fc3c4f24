using System.Globalization;
using System.Text.RegularExpressions;

namespace Dynamo.Server.Tests;

/// <summary>Reads samples out of the Prometheus text exposition format a <c>/metrics</c> scrape answers.</summary>
internal static partial class PrometheusText
{
    /// <summary>
    /// The values of the samples named <paramref name="name"/> whose labels include every one of <paramref name="labels"/>,
    /// added up; 0 when none matches.
    /// </summary>
    public static double Sum(string text, string name, params (string Label, string Value)[] labels) =>
        Samples(text)
            .Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value))
            .Sum(s => s.Value);

    /// <summary>Every sample: name, labels and value (a timestamp after the value is ignored).</summary>
    public static IEnumerable<(string Name, IReadOnlyDictionary<string, string> Labels, double Value)> Samples(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var match = Sample().Match(line);
            if (!match.Success) continue;
            var labels = Label().Matches(match.Groups["labels"].Value).ToDictionary(l => l.Groups["key"].Value, l => l.Groups["value"].Value);
            yield return (match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture));
        }
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)")]
    private static partial Regex Sample();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
