namespace Dynamo.Actors.Dispatch.SysMsg;

/// <summary>Stop processing user messages until resumed (while an ancestor's failure is handled).</summary>
internal sealed record Suspend : ISystemMessage
{
    public static readonly Suspend Instance = new();
}
