using Akka.Actor;

namespace Dynamo.Kv.Coordination;

/// <summary>The timer message that tells a <see cref="CoordinatorHost"/> request <paramref name="RequestId"/>'s deadline passed.</summary>
/// <param name="RequestId">The request whose deadline passed.</param>
internal sealed record CoordinatorDeadline(long RequestId) : INoSerializationVerificationNeeded;
