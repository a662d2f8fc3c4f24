namespace Dynamo.Actors.Tests;

/// <summary>Small actors shared by several test classes.</summary>
internal sealed class EchoActor : ReceiveActor
{
    public EchoActor() => ReceiveAny(m => Sender.Tell(m, Self));
}

/// <summary>Forwards everything it receives to a target, keeping the sender.</summary>
internal sealed class ForwardingActor : ReceiveActor
{
    public ForwardingActor(IActorRef target) => ReceiveAny(m => target.Forward(m));
}

/// <summary>Reports its lifecycle hooks to a probe.</summary>
internal sealed class LifecycleActor : ReceiveActor
{
    private readonly IActorRef _probe;
    private readonly string _name;

    public LifecycleActor(IActorRef probe, string name)
    {
        _probe = probe;
        _name = name;
        Receive<Props>(p => Sender.Tell(Context.ActorOf(p, "child"), Self));
        Receive<string>(s => s == "throw", _ => throw new InvalidOperationException("boom"));
        ReceiveAny(m => _probe.Tell($"{_name}:got:{m}", Self));
    }

    protected override void PreStart() => _probe.Tell($"{_name}:PreStart", Self);

    protected override void PostStop() => _probe.Tell($"{_name}:PostStop", Self);
}
