using Akka.Actor;
namespace Dynamo.Kv.Routing;

/// <summary>Asks the ring manager for this node's vnode of <paramref name="Partition"/>; answered with <see cref="VNodeFor"/>.</summary>
/// <param name="Partition">The partition index.</param>
public sealed record WhichVNode(int Partition) : INoSerializationVerificationNeeded;
