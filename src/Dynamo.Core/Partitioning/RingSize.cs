namespace Dynamo.Core.Partitioning;

/// <summary>
/// Rules for Q, the fixed number of equal partitions of the ring (the paper's strategy 3).
/// </summary>
public static class RingSize
{
    /// <summary>Q used when a cluster is created without saying otherwise (Riak's default).</summary>
    public const int Default = 64;

    /// <summary>Largest accepted Q.</summary>
    public const int Max = 4096;

    /// <summary>True when <paramref name="q"/> is a power of two between 1 and <see cref="Max"/>.</summary>
    public static bool IsValid(int q) => q is >= 1 and <= Max && (q & (q - 1)) == 0;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the rule when Q is not valid.</summary>
    public static void Validate(int q, string paramName = "partitionCount")
    {
        if (!IsValid(q))
        {
            throw new ArgumentException(
                $"The partition count must be a power of two between 1 and {Max}, but was {q}.", paramName);
        }
    }

    /// <summary>log2(Q): how many leading bits of a ring position select its partition.</summary>
    public static int Bits(int q)
    {
        Validate(q, nameof(q));
        return System.Numerics.BitOperations.Log2((uint)q);
    }
}
