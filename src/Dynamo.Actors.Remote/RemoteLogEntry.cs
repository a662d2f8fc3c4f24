namespace Dynamo.Actors.Remote;

/// <summary>
/// One log line of the remoting layer, handed to the callback given to <see cref="Remoting"/> and the transports,
/// so the actor system can route it into its own logging without this layer depending on a logging framework.
/// </summary>
/// <param name="Level">Severity.</param>
/// <param name="Message">What happened, naming the peer involved.</param>
/// <param name="Exception">The error behind it, if any.</param>
public sealed record RemoteLogEntry(RemoteLogLevel Level, string Message, Exception? Exception = null);
