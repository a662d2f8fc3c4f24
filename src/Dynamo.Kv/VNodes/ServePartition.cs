using Akka.Actor;

namespace Dynamo.Kv.VNodes;

/// <summary>
/// Tells a vnode that its partition is owned here: one that was handing it off (the ring gave it back) stops tracking
/// and forwarding, and one started only to see what its journal held serves it now. Either way it serves as the
/// owner from here on, and reaps tombstones again.
/// </summary>
internal sealed record ServePartition : INoSerializationVerificationNeeded
{
    public static ServePartition Instance { get; } = new();
}
