namespace Dynamo.Actors.Dispatch.SysMsg;

/// <summary>An await continuation of an asynchronous handler, run on the actor's own turn so it never races other work.</summary>
internal sealed record ActorTaskContinuation(SendOrPostCallback Callback, object? State) : ISystemMessage;
