using Akka.Actor;
namespace Dynamo.Kv.AntiEntropy;

/// <summary>
/// Asks a node's <see cref="AntiEntropyExchange"/> to exchange one key range between one of its
/// vnodes and a peer's at once, whatever the schedule; answered with <see cref="ExchangeResult"/>.
/// </summary>
/// <param name="Range">The key range both vnodes replicate.</param>
/// <param name="LocalPartition">The partition of this node's vnode holding the range.</param>
/// <param name="PeerNode">The other replica's node.</param>
/// <param name="PeerPartition">The partition of the peer's vnode holding the range.</param>
public sealed record StartExchange(int Range, int LocalPartition, string PeerNode, int PeerPartition) : INoSerializationVerificationNeeded;
