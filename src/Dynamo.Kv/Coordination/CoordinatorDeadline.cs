using Akka.Actor;
namespace Dynamo.Kv.Coordination;

/// <summary>The timer message that ends a coordinator's wait.</summary>
internal sealed record CoordinatorDeadline : INoSerializationVerificationNeeded
{
    public static CoordinatorDeadline Instance { get; } = new();
}
