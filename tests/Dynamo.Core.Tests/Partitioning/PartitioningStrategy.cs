namespace Dynamo.Core.Tests.Partitioning;

/// <summary>The three partitioning strategies of the Dynamo paper, §6.2.</summary>
public enum PartitioningStrategy
{
    /// <summary>T random tokens per node; ranges are the gaps between tokens.</summary>
    RandomTokens = 1,

    /// <summary>T random tokens per node over Q equal partitions: tokens only decide placement.</summary>
    RandomTokensEqualPartitions = 2,

    /// <summary>Q equal partitions, Q/S of them per node.</summary>
    EqualPartitionsPerNode = 3,
}
