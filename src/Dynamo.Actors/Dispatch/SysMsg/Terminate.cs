namespace Dynamo.Actors.Dispatch.SysMsg;

/// <summary>Stop the actor: its children first, then PostStop, then watchers are told.</summary>
public sealed record Terminate : ISystemMessage;
