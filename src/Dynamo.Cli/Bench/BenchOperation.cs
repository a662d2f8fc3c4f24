namespace Dynamo.Cli.Bench;

/// <summary>The operation types of the YCSB core workloads.</summary>
public enum BenchOperation
{
    /// <summary>Read one existing record.</summary>
    Read,

    /// <summary>Overwrite one existing record without reading it first (a blind write).</summary>
    Update,

    /// <summary>Write a record under a new key.</summary>
    Insert,

    /// <summary>Read a record, then write it with the context of that read.</summary>
    ReadModifyWrite,
}
