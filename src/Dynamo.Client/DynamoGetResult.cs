namespace Dynamo.Client;

/// <summary>The outcome of a read: its status, every live sibling, and one context covering all versions read.</summary>
/// <param name="Status">Found, not found or deleted.</param>
/// <param name="Siblings">The live values; more than one means concurrent writes to reconcile.</param>
/// <param name="Context">The context to pass to the next put or delete of this key.</param>
public sealed record DynamoGetResult(DynamoObjectStatus Status, IReadOnlyList<DynamoSibling> Siblings, DynamoContext Context)
{
    /// <summary>True when at least one live value was read.</summary>
    public bool Found => Status == DynamoObjectStatus.Found;

    /// <summary>True when the key was deleted (a tombstone was read).</summary>
    public bool Deleted => Status == DynamoObjectStatus.Deleted;

    /// <summary>True when no replica holds the key.</summary>
    public bool NotFound => Status == DynamoObjectStatus.NotFound;

    /// <summary>True when concurrent writes left more than one value.</summary>
    public bool HasSiblings => Siblings.Count > 1;
}
