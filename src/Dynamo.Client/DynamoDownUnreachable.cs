namespace Dynamo.Client;

/// <summary>The answer of <c>POST /cluster/down-unreachable</c>: the members the node marked down.</summary>
/// <param name="Message">The node's account of what it did.</param>
/// <param name="Downed">The address of every member marked down; empty when the node saw none unreachable.</param>
public sealed record DynamoDownUnreachable(string Message, IReadOnlyList<string> Downed);
