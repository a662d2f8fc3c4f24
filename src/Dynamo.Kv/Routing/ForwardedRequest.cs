namespace Dynamo.Kv.Routing;

/// <summary>
/// A client request one router hands to another that is in the key's preference list, sent as the client. The
/// receiver coordinates it without forwarding again, so routers whose rings briefly disagree cannot bounce a request
/// between them.
/// </summary>
/// <param name="Request">The <see cref="Protocol.Get"/>, <see cref="Protocol.Put"/> or <see cref="Protocol.Delete"/>.</param>
public sealed record ForwardedRequest(object Request)
{
    /// <summary>The request's id in the client's <see cref="Protocol.RequestBatch"/>; 0 for a request that came alone.</summary>
    public long ClientRequestId { get; init; }
}
