using Akka.Actor;

namespace Dynamo.Kv.Handoff;

/// <summary>Tells a vnode whose partition moved away that it is being handed off to <paramref name="Target"/>: it tracks the keys it writes until sealed.</summary>
internal sealed record HandOffTo(string Target, ICanTell TargetVNode) : INoSerializationVerificationNeeded;
