namespace Dynamo.Actors;

/// <summary>Marks messages that do not reset the receiver's receive timeout (e.g. periodic ticks).</summary>
public interface INotInfluenceReceiveTimeout;
