namespace Dynamo.Actors.Util;

/// <summary>Unseeded, thread-safe randomness for production (<see cref="Random.Shared"/>).</summary>
public sealed class SystemRandomSource : IRandomSource
{
    /// <summary>The shared instance.</summary>
    public static readonly SystemRandomSource Instance = new();

    /// <inheritdoc />
    public int Next(int maxExclusive) => Random.Shared.Next(maxExclusive);

    /// <inheritdoc />
    public int Next(int minInclusive, int maxExclusive) => Random.Shared.Next(minInclusive, maxExclusive);

    /// <inheritdoc />
    public double NextDouble() => Random.Shared.NextDouble();

    /// <inheritdoc />
    public long NextInt64() => Random.Shared.NextInt64(long.MinValue, long.MaxValue);

    /// <inheritdoc />
    public void NextBytes(Span<byte> buffer) => Random.Shared.NextBytes(buffer);
}
