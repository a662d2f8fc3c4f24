using Akka.Actor;

namespace Dynamo.Kv.Handoff;

/// <summary>
/// The sender asks the old vnode where an attempt's fold starts, with what the receiver answered the begin with;
/// answered with <see cref="FoldPlan"/>. The vnode decides in one step, so no write falls between the keys it
/// lists and the ones its dirty tracking reports afterwards.
/// </summary>
/// <param name="Resume">How far an earlier attempt's fold got durably on the receiver, or null.</param>
internal sealed record PlanFold(HandoffFold? Resume) : INoSerializationVerificationNeeded;
