namespace Dynamo.Actors;

/// <summary>An actor name is empty, contains an illegal character, starts with the reserved '$' or is taken by a sibling.</summary>
public sealed class InvalidActorNameException : Exception
{
    /// <summary>Creates the exception with a message naming the problem.</summary>
    public InvalidActorNameException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public InvalidActorNameException(string message, Exception? innerException) : base(message, innerException) { }
}
