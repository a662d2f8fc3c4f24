using Akka.Actor;

namespace Dynamo.Kv.Routing;

/// <summary>This node's vnode of <paramref name="Partition"/>, or null when the node does not hold it.</summary>
/// <param name="Partition">The partition index.</param>
/// <param name="VNode">The vnode, or null.</param>
public sealed record VNodeFor(int Partition, IActorRef? VNode);
