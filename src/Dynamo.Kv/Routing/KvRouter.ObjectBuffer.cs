using Akka.Actor;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Routing;

/// <summary>The node's object buffer figures, answered here because the router is the node's address for its stats.</summary>
public sealed partial class KvRouter
{
    private void ReceiveObjectBufferStats() =>
        Receive<GetObjectBufferStats>(_ => Sender.Tell(ObjectBufferCounter.Of(Context.System).Snapshot(), Self));
}
