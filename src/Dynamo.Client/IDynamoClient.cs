namespace Dynamo.Client;

/// <summary>A client of the key-value store, whatever the transport.</summary>
public interface IDynamoClient
{
    /// <summary>Reads a key, with <paramref name="r"/> overriding the bucket's read quorum.</summary>
    Task<DynamoGetResult> GetAsync(string bucket, string key, int? r = null, CancellationToken ct = default);

    /// <summary>Writes a value following <paramref name="context"/> (none: a blind write); returns the new context.</summary>
    Task<DynamoContext> PutAsync(string bucket, string key, ReadOnlyMemory<byte> value, string contentType,
        DynamoContext? context = null, int? w = null, CancellationToken ct = default);

    /// <summary>Deletes the versions <paramref name="context"/> covers; returns the tombstone's context.</summary>
    Task<DynamoContext> DeleteAsync(string bucket, string key, DynamoContext context, int? w = null, CancellationToken ct = default);

    /// <summary>Reads a bucket's properties in effect.</summary>
    Task<DynamoBucketProps> GetBucketPropsAsync(string bucket, CancellationToken ct = default);

    /// <summary>Sets a bucket's properties; returns those now in effect.</summary>
    Task<DynamoBucketProps> SetBucketPropsAsync(string bucket, DynamoBucketProps props, CancellationToken ct = default);
}
