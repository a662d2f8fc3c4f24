using Akka.Actor;
using System.Collections.Immutable;
using Dynamo.Core.Partitioning;

namespace Dynamo.Kv.Membership;

/// <summary>The ring this node routes by, as the <see cref="RingCoordinator"/> last computed it from membership.</summary>
/// <param name="Ring">The ring, or null before this node saw any member Up.</param>
/// <param name="ClaimOrder">The ring members in the order they were claimed (up-number order).</param>
/// <param name="Installed">True once the local ring manager confirmed it runs the vnodes of this ring.</param>
public sealed record CurrentRing(Ring? Ring, ImmutableArray<string> ClaimOrder, bool Installed) : INoSerializationVerificationNeeded;
