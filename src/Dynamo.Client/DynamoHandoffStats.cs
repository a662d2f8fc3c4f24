namespace Dynamo.Client;

/// <summary>The <c>handoff</c> section of <c>GET /stats</c>: the node's outgoing ownership transfers in numbers.</summary>
/// <param name="Active">Transfers still running.</param>
/// <param name="Completed">Transfers the receiver confirmed.</param>
/// <param name="Refused">Transfers refused (nothing was deleted).</param>
/// <param name="ObjectsSent">Objects acknowledged across the transfers the node lists.</param>
public sealed record DynamoHandoffStats(int Active, int Completed, int Refused, long ObjectsSent);
