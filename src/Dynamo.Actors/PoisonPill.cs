namespace Dynamo.Actors;

/// <summary>Stops the receiver once the messages queued before it have been processed.</summary>
public sealed record PoisonPill : IAutoReceivedMessage
{
    /// <summary>The single instance.</summary>
    public static readonly PoisonPill Instance = new();

    private PoisonPill() { }
}
