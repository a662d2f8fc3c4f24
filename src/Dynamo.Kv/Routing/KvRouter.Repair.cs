using Akka.Actor;
using Dynamo.Kv.Coordination;

namespace Dynamo.Kv.Routing;

/// <summary>The node's read repair count, kept here because every get coordinator starts here.</summary>
public sealed partial class KvRouter
{
    private readonly ReadRepairCounter _readRepairs = new();

    private void ReceiveReadRepairStats() =>
        Receive<GetReadRepairStats>(_ => Sender.Tell(_readRepairs.Snapshot(), Self));
}
