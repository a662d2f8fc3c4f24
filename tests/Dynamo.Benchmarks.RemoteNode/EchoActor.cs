using Akka.Actor;

namespace Dynamo.Benchmarks.RemoteNode;

/// <summary>Answers every message with itself, to whoever sent it.</summary>
internal sealed class EchoActor : ReceiveActor
{
    public EchoActor() => ReceiveAny(m => Sender.Tell(m, Self));
}
