using Akka.Actor;
namespace Dynamo.Kv.Hints;

/// <summary>A <see cref="HintDelivery"/> reports to its <see cref="HintedHandoff"/> how delivering hints went.</summary>
/// <param name="Owner">The owner the hints were held for.</param>
/// <param name="HintIds">The hints the delivery carried (one key's, merged).</param>
/// <param name="Error">Null when the owner acknowledged durably; otherwise why not.</param>
internal sealed record DeliveryOutcome(string Owner, IReadOnlyList<long> HintIds, string? Error) : INoSerializationVerificationNeeded;
