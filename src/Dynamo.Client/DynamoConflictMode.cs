namespace Dynamo.Client;

/// <summary>How a bucket keeps conflicting writes.</summary>
public enum DynamoConflictMode
{
    /// <summary>Concurrent writes become siblings that the client reconciles.</summary>
    Siblings,

    /// <summary>The latest timestamp wins; concurrent writes are discarded.</summary>
    LastWriteWins,
}
