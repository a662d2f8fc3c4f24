namespace Dynamo.Actors.Dispatch.SysMsg;

/// <summary>Continue processing user messages; <paramref name="CausedByFailure"/> when the supervisor chose Resume.</summary>
internal sealed record Resume(Exception? CausedByFailure) : ISystemMessage;
