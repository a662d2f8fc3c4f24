namespace Dynamo.Server.Http;

/// <summary>Endpoint metadata naming the operation under which <c>/stats</c> counts a request.</summary>
/// <param name="Name">The operation, e.g. <c>get</c> or <c>props-put</c>.</param>
public sealed record DynamoOperation(string Name);
