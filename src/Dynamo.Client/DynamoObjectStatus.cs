namespace Dynamo.Client;

/// <summary>What a read found.</summary>
public enum DynamoObjectStatus
{
    /// <summary>At least one live value.</summary>
    Found,

    /// <summary>No replica that answered holds the key.</summary>
    NotFound,

    /// <summary>Every causally-maximal version is a tombstone; the context covers the delete.</summary>
    Deleted,
}
