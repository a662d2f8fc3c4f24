namespace Dynamo.Cli.Bench;

/// <summary>The names operations carry in the results table and the JSON file.</summary>
public static class BenchOperationNames
{
    /// <summary>Every operation type, in the order results list them.</summary>
    public static IReadOnlyList<BenchOperation> All { get; } =
        [BenchOperation.Read, BenchOperation.Update, BenchOperation.Insert, BenchOperation.ReadModifyWrite];

    /// <summary>The name of an operation type: read, update, insert, read-modify-write.</summary>
    public static string Name(BenchOperation operation) => operation switch
    {
        BenchOperation.Read => "read",
        BenchOperation.Update => "update",
        BenchOperation.Insert => "insert",
        BenchOperation.ReadModifyWrite => "read-modify-write",
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "not an operation type"),
    };
}
