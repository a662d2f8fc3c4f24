using Akka.Actor;
namespace Dynamo.Kv.Handoff;

/// <summary>A sender reports its transfer's status to the ring manager (after every step, and when done).</summary>
internal sealed record TransferProgress(TransferStatus Status) : INoSerializationVerificationNeeded;
