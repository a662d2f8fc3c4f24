namespace Dynamo.Actors;

/// <summary>Nobody lives at the path a selection was resolved against.</summary>
public sealed class ActorNotFoundException : Exception
{
    /// <summary>Creates the exception with a message naming the problem.</summary>
    public ActorNotFoundException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public ActorNotFoundException(string message, Exception? innerException) : base(message, innerException) { }
}
