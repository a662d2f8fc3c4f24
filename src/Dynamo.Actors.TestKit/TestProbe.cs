namespace Dynamo.Actors.TestKit;

/// <summary>
/// A scriptable actor for tests: hand its <see cref="Ref"/> to the code under test, then expect what it receives and
/// <see cref="TestKitBase.Reply"/> to the <see cref="Sender"/>.
/// </summary>
public sealed class TestProbe : TestKitBase
{
    /// <summary>Creates a probe in <paramref name="system"/>.</summary>
    public TestProbe(ActorSystem system) : base(system) { }

    /// <summary>The probe's actor reference.</summary>
    public IActorRef Ref => TestActor;

    /// <summary>The sender of the last message the probe took.</summary>
    public IActorRef Sender => LastSender;

    /// <inheritdoc />
    public override string ToString() => $"TestProbe({Ref.Path})";
}
