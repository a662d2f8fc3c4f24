using Akka.Actor;
using Dynamo.Kv.Coordination;

namespace Dynamo.Kv.Routing;

/// <summary>The node's read repair count, kept here because every get coordinator starts here.</summary>
public sealed partial class KvRouter
{
    // Created with the node's metrics in the constructor, so each repair is counted there too.
    private readonly ReadRepairCounter _readRepairs;

    private void ReceiveReadRepairStats() =>
        Receive<GetReadRepairStats>(_ => Sender.Tell(_readRepairs.Snapshot(), Self));
}
