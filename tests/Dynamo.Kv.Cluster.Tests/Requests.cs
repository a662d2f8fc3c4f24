using Dynamo.Protocol;
using Google.Protobuf;

namespace Dynamo.Kv.Cluster.Tests;

/// <summary>Protocol messages with string keys and values, for readable tests.</summary>
internal static class Requests
{
    public static Put Put(string bucket, string key, string value, ByteString? context = null, uint? w = null)
    {
        var put = new Put
        {
            Bucket = bucket,
            Key = ByteString.CopyFromUtf8(key),
            Value = ByteString.CopyFromUtf8(value),
            ContentType = "text/plain",
            Context = context ?? ByteString.Empty,
        };
        if (w is { } quorum) put.W = quorum;
        return put;
    }

    public static Get Get(string bucket, string key, uint? r = null)
    {
        var get = new Get { Bucket = bucket, Key = ByteString.CopyFromUtf8(key) };
        if (r is { } quorum) get.R = quorum;
        return get;
    }

    public static IReadOnlyList<string> Values(GetResult result) =>
        [.. result.Siblings.Select(s => s.Value.ToStringUtf8()).Order(StringComparer.Ordinal)];
}
