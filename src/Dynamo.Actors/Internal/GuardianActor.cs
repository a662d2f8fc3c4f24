using Dynamo.Actors.Supervision;

namespace Dynamo.Actors.Internal;

/// <summary>The parent of top-level actors (/user) or of runtime actors (/system).</summary>
internal sealed class GuardianActor(SupervisorStrategy strategy) : ActorBase
{
    protected override bool Receive(object message) => false;

    protected override SupervisorStrategy SupervisorStrategy() => strategy;

    // A guardian keeps its children across its own restart: they are the whole application.
    protected override void PreRestart(Exception reason, object? message) { }
}
