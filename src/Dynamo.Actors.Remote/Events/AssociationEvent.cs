namespace Dynamo.Actors.Remote.Events;

/// <summary>Something happened to the association with a remote actor system; published by <see cref="Remoting"/>.</summary>
/// <param name="Remote">The remote system's address.</param>
public abstract record AssociationEvent(Address Remote);
