namespace Dynamo.Actors.Dispatch.SysMsg;

/// <summary>Sent by a child to its parent: "I threw <paramref name="Cause"/>; decide what happens to me".</summary>
internal sealed record Failed(IActorRef Child, Exception Cause, long Uid) : ISystemMessage;
