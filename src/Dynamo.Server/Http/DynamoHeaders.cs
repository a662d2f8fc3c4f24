namespace Dynamo.Server.Http;

/// <summary>The HTTP headers of the key-value API beyond the standard ones.</summary>
public static class DynamoHeaders
{
    /// <summary>
    /// The opaque causal context of a read, to send back with the next write or delete of the key:
    /// the context bytes in base64url (RFC 4648 §5) without padding. Riak's X-Riak-Vclock.
    /// </summary>
    public const string Context = "X-Dynamo-Context";

    /// <summary>"true" on a 404 whose key was deleted: the context then covers the tombstone. Riak's X-Riak-Deleted.</summary>
    public const string Deleted = "X-Dynamo-Deleted";
}
