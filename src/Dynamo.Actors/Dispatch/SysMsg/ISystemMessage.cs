namespace Dynamo.Actors.Dispatch.SysMsg;

/// <summary>
/// A message for the runtime rather than the actor's behaviour (lifecycle, supervision, DeathWatch).
/// System messages are processed before any pending user message.
/// </summary>
public interface ISystemMessage;
