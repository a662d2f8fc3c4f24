namespace Dynamo.Actors;

/// <summary>Thrown inside an actor that received Kill, so that its supervisor decides its fate (by default: stop).</summary>
public sealed class ActorKilledException : Exception
{
    /// <summary>Creates the exception with a message naming the problem.</summary>
    public ActorKilledException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public ActorKilledException(string message, Exception? innerException) : base(message, innerException) { }
}
