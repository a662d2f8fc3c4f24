namespace Dynamo.Actors.Dispatch.SysMsg;

/// <summary>Restart the actor after <paramref name="Cause"/>: PreRestart, new instance, PostRestart.</summary>
internal sealed record Recreate(Exception Cause) : ISystemMessage;
