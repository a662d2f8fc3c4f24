using Dynamo.Kv.Routing;

namespace Dynamo.Kv.Handoff;

/// <summary>What a ring manager needs to hand partitions off: how to reach other nodes' vnodes, who this node is, and the settings.</summary>
/// <param name="Directory">Reaches the new owners' vnodes.</param>
/// <param name="Incarnation">This node's actor system uid (<see cref="SystemIncarnation.Of"/>), so a receiver that is this very system is recognised.</param>
/// <param name="Settings">Batch size and timeouts.</param>
public sealed record HandoffWiring(INodeDirectory Directory, long Incarnation, HandoffSettings Settings);
