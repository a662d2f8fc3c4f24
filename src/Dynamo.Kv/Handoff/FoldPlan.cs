using System.Collections.Immutable;
using Akka.Actor;

namespace Dynamo.Kv.Handoff;

/// <summary>
/// Where an attempt's fold starts. From the beginning, <paramref name="Mark"/> is the old vnode's highest sequence
/// number now. Resumed, it is the earlier fold's mark, the fold goes on after the key it reached, and
/// <paramref name="Rewritten"/> lists the keys up to that key whose latest event is above the mark (written, or
/// copied by compaction, since the earlier fold read them): they are sent again like keys written during the
/// transfer. Not <paramref name="Tracking"/> when the vnode is not tracking its writes for the handoff (it restarted).
/// </summary>
/// <param name="Tracking">False when the vnode forgot its handoff mode: the sender has it armed again and retries.</param>
/// <param name="Mark">The fold's mark, carried in every fold batch (<see cref="HandoffFold.Mark"/>).</param>
/// <param name="From">The first storage key the fold reads (empty: from the beginning).</param>
/// <param name="Rewritten">Keys before <paramref name="From"/> to send again.</param>
/// <param name="Skipped">Live keys before <paramref name="From"/> not sent again: the receiver holds them.</param>
internal sealed record FoldPlan(bool Tracking, long Mark, byte[] From, ImmutableArray<byte[]> Rewritten, long Skipped) : INoSerializationVerificationNeeded;
