namespace Dynamo.Cli.Bench;

/// <summary>How the load generator reaches the nodes.</summary>
public enum BenchTransport
{
    /// <summary>The HTTP API, through <c>DynamoHttpClient</c>.</summary>
    Http,

    /// <summary>The actor protocol, through <c>DynamoActorClient</c> from a client-only actor system.</summary>
    Native,
}
