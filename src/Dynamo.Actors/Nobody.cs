namespace Dynamo.Actors;

/// <summary>The reference to no actor: what a failed lookup answers with. Messages told to it are dropped.</summary>
public sealed class Nobody : MinimalActorRef
{
    /// <summary>The single instance.</summary>
    public static readonly Nobody Instance = new();

    private static readonly ActorPath NobodyPath = ActorPath.Root(new Address(Address.LocalProtocol, "all-systems")) / "Nobody";

    private Nobody() { }

    /// <inheritdoc />
    public override ActorPath Path => NobodyPath;
}
