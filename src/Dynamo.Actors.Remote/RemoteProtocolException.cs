namespace Dynamo.Actors.Remote;

/// <summary>
/// A peer broke the wire protocol: bad length prefix, oversized or unparsable frame, unexpected message,
/// unknown serializer or manifest. The association that carried it is closed; nothing else is affected.
/// </summary>
public sealed class RemoteProtocolException : Exception
{
    /// <summary>Creates the exception with a message naming the violation.</summary>
    public RemoteProtocolException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the parser error behind it.</summary>
    public RemoteProtocolException(string message, Exception inner) : base(message, inner) { }
}
