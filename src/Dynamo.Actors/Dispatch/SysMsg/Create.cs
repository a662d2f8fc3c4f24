namespace Dynamo.Actors.Dispatch.SysMsg;

/// <summary>Construct the actor instance and run PreStart; always the first message a cell sees.</summary>
internal sealed record Create : ISystemMessage
{
    public static readonly Create Instance = new();
}
