namespace Dynamo.Actors;

/// <summary>Marks messages the runtime handles itself before the actor's behaviour sees them.</summary>
public interface IAutoReceivedMessage;
