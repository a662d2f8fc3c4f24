using Akka.Actor;
using System.Collections.Immutable;

namespace Dynamo.Kv.Routing;

/// <summary>
/// The ring manager's answer to a <see cref="RingChanged"/> that had a sender: the node now runs
/// a vnode for each of <paramref name="Partitions"/> and serves them.
/// </summary>
/// <param name="Node">The node id.</param>
/// <param name="Partitions">The partitions this node owns in the new ring, ascending.</param>
public sealed record RingInstalled(string Node, ImmutableArray<int> Partitions) : INoSerializationVerificationNeeded;
