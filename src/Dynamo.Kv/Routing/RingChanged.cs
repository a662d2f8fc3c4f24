using Akka.Actor;
using Dynamo.Core.Partitioning;

namespace Dynamo.Kv.Routing;

/// <summary>The ring this node now routes by (from the claimant over the members).</summary>
/// <param name="Ring">The new ring.</param>
public sealed record RingChanged(Ring Ring) : INoSerializationVerificationNeeded;
