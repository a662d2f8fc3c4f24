namespace Dynamo.Actors.Util;

/// <summary>
/// Deterministic randomness from a seed: the same seed and the same sequence of calls give the same values.
/// Locked so concurrent callers cannot corrupt it (determinism still needs a deterministic caller order).
/// </summary>
public sealed class SeededRandomSource : IRandomSource
{
    private readonly Random _random;
    private readonly Lock _gate = new();

    /// <summary>Creates a source from <paramref name="seed"/>.</summary>
    public SeededRandomSource(int seed)
    {
        Seed = seed;
        _random = new Random(seed);
    }

    /// <summary>The seed, to report with a failing run so it can be replayed.</summary>
    public int Seed { get; }

    /// <inheritdoc />
    public int Next(int maxExclusive) { lock (_gate) return _random.Next(maxExclusive); }

    /// <inheritdoc />
    public int Next(int minInclusive, int maxExclusive) { lock (_gate) return _random.Next(minInclusive, maxExclusive); }

    /// <inheritdoc />
    public double NextDouble() { lock (_gate) return _random.NextDouble(); }

    /// <inheritdoc />
    public long NextInt64() { lock (_gate) return _random.NextInt64(long.MinValue, long.MaxValue); }

    /// <inheritdoc />
    public void NextBytes(Span<byte> buffer) { lock (_gate) _random.NextBytes(buffer); }
}
