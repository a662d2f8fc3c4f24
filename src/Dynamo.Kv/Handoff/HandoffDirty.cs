using Akka.Actor;
using System.Collections.Immutable;

namespace Dynamo.Kv.Handoff;

/// <summary>
/// Keys the old vnode durably wrote since the last <see cref="TakeHandoffDirty"/>. When none were and
/// no write is in progress, the vnode is <paramref name="Sealed"/>: it forwards every later write to
/// the receiver, so nothing written from then on stays behind. Not <paramref name="Tracking"/> when the
/// vnode forgot the handoff (it restarted): its writes since are unknown, so the transfer starts again.
/// </summary>
internal sealed record HandoffDirty(ImmutableArray<byte[]> Keys, bool Sealed, bool Tracking) : INoSerializationVerificationNeeded;
