namespace Dynamo.Cli.Bench;

/// <summary>How requests pick the record they touch, as YCSB's <c>requestdistribution</c>.</summary>
public enum KeyDistribution
{
    /// <summary>Zipfian with constant 0.99, scrambled so that the popular records are spread over the key space.</summary>
    Zipfian,

    /// <summary>Every record equally likely.</summary>
    Uniform,

    /// <summary>Zipfian over recency: the most recently inserted records are the most popular.</summary>
    Latest,
}
