using System.Diagnostics;

namespace Dynamo.Benchmarks;

/// <summary>
/// The durations of individual round trips, because the mean BenchmarkDotNet reports hides the tail: printed as
/// median and 99th percentile, the first third discarded as warm-up.
/// </summary>
internal sealed class RoundTripTimes
{
    private readonly List<double> _microseconds = new();

    /// <summary>Records one round trip that began at <paramref name="start"/>, a <see cref="Stopwatch.GetTimestamp"/>.</summary>
    public void AddSince(long start) => _microseconds.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);

    /// <summary>
    /// Writes <c>// <paramref name="label"/> over n samples: median m us, p99 p us</c> to the console, the figures in
    /// <paramref name="format"/>; writes nothing when no round trip was recorded.
    /// </summary>
    public void Print(string label, string format = "0.0")
    {
        var samples = _microseconds.Skip(_microseconds.Count / 3).Order().ToArray();
        if (samples.Length > 0)
            Console.WriteLine($"// {label} over {samples.Length} samples: median {samples[samples.Length / 2].ToString(format)} us, p99 {samples[(int)(samples.Length * 0.99)].ToString(format)} us");
    }
}
