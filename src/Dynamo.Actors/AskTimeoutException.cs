namespace Dynamo.Actors;

/// <summary>The reply to an Ask did not arrive in time.</summary>
public sealed class AskTimeoutException : Exception
{
    /// <summary>Creates the exception with a message naming the problem.</summary>
    public AskTimeoutException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public AskTimeoutException(string message, Exception? innerException) : base(message, innerException) { }
}
