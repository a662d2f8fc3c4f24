using Akka.Actor;
namespace Dynamo.Kv.Handoff;

/// <summary>A sender found the old vnode restarted (it forgot its handoff mode): the ring manager tells it <see cref="HandOffTo"/> again.</summary>
internal sealed record RearmHandoff(int Partition) : INoSerializationVerificationNeeded;
