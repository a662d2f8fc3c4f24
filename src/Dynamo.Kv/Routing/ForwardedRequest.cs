namespace Dynamo.Kv.Routing;

/// <summary>
/// A client request one router hands to another that is in the key's preference list. The
/// receiver coordinates it without forwarding again, so routers whose rings briefly disagree
/// cannot bounce a request between them.
/// </summary>
/// <param name="Request">The <see cref="Protocol.Get"/>, <see cref="Protocol.Put"/> or <see cref="Protocol.Delete"/>.</param>
public sealed record ForwardedRequest(object Request);
