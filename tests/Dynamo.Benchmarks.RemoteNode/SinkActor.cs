using Akka.Actor;

namespace Dynamo.Benchmarks.RemoteNode;

/// <summary>
/// Counts what it receives. "count" is answered with the number received so far: delivery is in order per pair of
/// systems, so the answer arrives only after everything sent before it was processed. "stop" ends the process.
/// </summary>
internal sealed class SinkActor : ReceiveActor
{
    private long _received;

    public SinkActor()
    {
        Receive<string>(s => s == "count", _ => Sender.Tell(_received.ToString(System.Globalization.CultureInfo.InvariantCulture), Self));
        Receive<string>(s => s == "stop", _ => Context.System.Terminate());
        ReceiveAny(_ => _received++);
    }
}
