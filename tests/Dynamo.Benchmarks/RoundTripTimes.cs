using System.Diagnostics;
using Akka.Actor;

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
    /// Asks <paramref name="echo"/> <c>"ping"</c> <paramref name="count"/> times, each once the previous answer came,
    /// blocking the calling thread, and records every round trip.
    /// </summary>
    public void AskInTurn(IActorRef echo, int count)
    {
        for (int i = 0; i < count; i++)
        {
            long start = Stopwatch.GetTimestamp();
            echo.Ask<string>("ping", TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
            AddSince(start);
        }
    }

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
