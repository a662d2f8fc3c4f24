using Akka.Actor;
namespace Dynamo.Kv.Handoff;

/// <summary>Tells a vnode its partition is owned here again: it stops tracking and forwarding and serves as before.</summary>
internal sealed record CancelHandoff : INoSerializationVerificationNeeded
{
    public static CancelHandoff Instance { get; } = new();
}
