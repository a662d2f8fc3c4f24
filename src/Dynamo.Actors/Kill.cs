namespace Dynamo.Actors;

/// <summary>Makes the receiver throw <see cref="ActorKilledException"/>, handing it to its supervisor.</summary>
public sealed record Kill : IAutoReceivedMessage
{
    /// <summary>The single instance.</summary>
    public static readonly Kill Instance = new();

    private Kill() { }
}
