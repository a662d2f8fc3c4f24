using Google.Protobuf;

namespace Dynamo.Protocol;

// The one place that maps a request or result onto its batch entry's oneof and back, for the client and the nodes.

/// <summary>One request of a <see cref="RequestBatch"/>.</summary>
public sealed partial class BatchedRequest
{
    /// <summary><paramref name="request"/> (a <see cref="Get"/>, <see cref="Put"/> or <see cref="Delete"/>) under <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentException">The request is none of those.</exception>
    public static BatchedRequest Of(ulong id, IMessage request)
    {
        var entry = new BatchedRequest { Id = id };
        switch (request)
        {
            case Get get: entry.Get = get; break;
            case Put put: entry.Put = put; break;
            case Delete delete: entry.Delete = delete; break;
            default: throw new ArgumentException($"Only Get, Put and Delete are batched, not {request?.GetType().Name ?? "null"}.", nameof(request));
        }
        return entry;
    }

    /// <summary>The <see cref="Get"/>, <see cref="Put"/> or <see cref="Delete"/>; null for an entry that holds none.</summary>
    public IMessage? Request => RequestCase switch
    {
        RequestOneofCase.Get => Get,
        RequestOneofCase.Put => Put,
        RequestOneofCase.Delete => Delete,
        _ => null,
    };
}

/// <summary>The result of one request of a <see cref="RequestBatch"/>.</summary>
public sealed partial class BatchedResult
{
    /// <summary><paramref name="result"/> (a result or a <see cref="KvFailure"/>) answering request <paramref name="id"/>.</summary>
    /// <exception cref="ArgumentException">The result is none of those.</exception>
    public static BatchedResult Of(ulong id, object result)
    {
        var entry = new BatchedResult { Id = id };
        switch (result)
        {
            case GetResult get: entry.Get = get; break;
            case PutResult put: entry.Put = put; break;
            case DeleteResult delete: entry.Delete = delete; break;
            case KvFailure failure: entry.Failure = failure; break;
            default: throw new ArgumentException($"A request is answered with a result or a KvFailure, not a {result?.GetType().Name ?? "null"}.", nameof(result));
        }
        return entry;
    }

    /// <summary>What the request alone would have got back; a <see cref="KvFailure"/> for an entry that holds nothing.</summary>
    public IMessage Result => ResultCase switch
    {
        ResultOneofCase.Get => Get,
        ResultOneofCase.Put => Put,
        ResultOneofCase.Delete => Delete,
        ResultOneofCase.Failure => Failure,
        _ => new KvFailure { Message = "the node answered a batched request with an empty result" },
    };
}
