namespace Dynamo.Actors;

/// <summary>Thrown when an actor gets Terminated for a watched actor and does not handle it: a watched death is fatal unless handled.</summary>
public sealed class DeathPactException : Exception
{
    /// <summary>Creates the exception with a message naming the problem.</summary>
    public DeathPactException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public DeathPactException(string message, Exception? innerException) : base(message, innerException) { }
}
