namespace Dynamo.Actors.Dispatch.SysMsg;

/// <summary>The asynchronous handler the actor was awaiting has finished; user messages may flow again.</summary>
internal sealed record AsyncHandlerCompleted(Task Task) : ISystemMessage;
