using Akka.Actor;
namespace Dynamo.Kv.Membership;

/// <summary>Asks the <see cref="RingCoordinator"/> for the ring it last computed; answered with <see cref="CurrentRing"/>.</summary>
public sealed record GetCurrentRing : INoSerializationVerificationNeeded
{
    /// <summary>The one instance (the message carries nothing).</summary>
    public static GetCurrentRing Instance { get; } = new();
}
