using Akka.Actor;
namespace Dynamo.Kv.Handoff;

/// <summary>The sender asks the old vnode for the keys written since the last ask; answered with <see cref="HandoffDirty"/>.</summary>
internal sealed record TakeHandoffDirty : INoSerializationVerificationNeeded
{
    public static TakeHandoffDirty Instance { get; } = new();
}
