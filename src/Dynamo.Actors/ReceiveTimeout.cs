namespace Dynamo.Actors;

/// <summary>Told to an actor that set a receive timeout and got no message for that long.</summary>
public sealed record ReceiveTimeout
{
    /// <summary>The single instance.</summary>
    public static readonly ReceiveTimeout Instance = new();

    private ReceiveTimeout() { }
}
