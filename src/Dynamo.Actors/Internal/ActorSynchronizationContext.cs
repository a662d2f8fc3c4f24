using Dynamo.Actors.Dispatch.SysMsg;

namespace Dynamo.Actors.Internal;

/// <summary>Routes await continuations of an actor's async handler into its own mailbox, so they run on the actor's turn.</summary>
internal sealed class ActorSynchronizationContext(ActorCell cell) : SynchronizationContext
{
    public override void Post(SendOrPostCallback d, object? state) => cell.Mailbox.PostSystem(new ActorTaskContinuation(d, state));

    public override void Send(SendOrPostCallback d, object? state) => Post(d, state);

    public override SynchronizationContext CreateCopy() => this;
}
