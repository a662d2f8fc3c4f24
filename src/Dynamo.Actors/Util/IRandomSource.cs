namespace Dynamo.Actors.Util;

/// <summary>The randomness an actor system hands out (gossip peers, jitter, ids); seedable so a run can be replayed.</summary>
public interface IRandomSource
{
    /// <summary>A value in [0, <paramref name="maxExclusive"/>).</summary>
    int Next(int maxExclusive);

    /// <summary>A value in [<paramref name="minInclusive"/>, <paramref name="maxExclusive"/>).</summary>
    int Next(int minInclusive, int maxExclusive);

    /// <summary>A value in [0, 1).</summary>
    double NextDouble();

    /// <summary>A uniformly distributed 64-bit value.</summary>
    long NextInt64();

    /// <summary>Fills <paramref name="buffer"/> with random bytes.</summary>
    void NextBytes(Span<byte> buffer);
}
