using Dynamo.Actors.Supervision;

namespace Dynamo.Actors.Internal;

/// <summary>
/// The top of the tree. It shuts the system down in order (user actors first, runtime actors after, so they can
/// still log) and keeps a failing guardian running, because nothing above it could restart the system.
/// </summary>
internal sealed class RootGuardianActor : ActorBase
{
    /// <summary>Starts an orderly shutdown.</summary>
    public sealed record StopSystem
    {
        public static readonly StopSystem Instance = new();
    }

    private static readonly SupervisorStrategy KeepGuardiansRunning = new OneForOneStrategy(_ => Directive.Resume);

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case StopSystem:
                var user = Context.Child("user");
                if (user is Nobody)
                {
                    Context.Stop(Self);
                    return true;
                }
                Context.Watch(user);
                Context.Stop(user);
                return true;
            case Terminated t when t.ActorRef.Path.Name == "user":
                Context.Stop(Self);
                return true;
            default:
                return false;
        }
    }

    protected override SupervisorStrategy SupervisorStrategy() => KeepGuardiansRunning;

    protected override void PreRestart(Exception reason, object? message) { }
}
