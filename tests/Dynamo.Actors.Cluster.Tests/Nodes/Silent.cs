namespace Dynamo.Actors.Cluster.Tests.Nodes;

/// <summary>An actor that only exists to be watched; it answers "ping" with "pong".</summary>
public sealed class Silent : ReceiveActor
{
    public Silent() => Receive<string>(_ => Sender.Tell("pong", Self));
}
