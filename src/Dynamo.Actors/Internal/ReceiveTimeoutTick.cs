namespace Dynamo.Actors.Internal;

/// <summary>A receive-timeout firing; its generation tells whether activity since then made it stale.</summary>
internal sealed record ReceiveTimeoutTick(int Generation) : IAutoReceivedMessage, INotInfluenceReceiveTimeout;
