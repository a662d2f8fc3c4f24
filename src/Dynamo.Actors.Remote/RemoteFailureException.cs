namespace Dynamo.Actors.Remote;

/// <summary>
/// The cause of a <see cref="Status.Failure"/> that came from another system: exceptions do not travel, their type
/// name and message do.
/// </summary>
public sealed class RemoteFailureException : Exception
{
    /// <summary>Creates the exception from the remote exception's type name and message.</summary>
    public RemoteFailureException(string remoteExceptionType, string message) : base($"{remoteExceptionType}: {message}") =>
        RemoteExceptionType = remoteExceptionType;

    /// <summary>Full type name of the exception thrown on the remote system.</summary>
    public string RemoteExceptionType { get; }
}
