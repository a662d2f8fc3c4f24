using Dynamo.Client;

namespace Dynamo.Testing;

/// <summary>A read a workload made: the values it saw and the context it returned, so later writes from that context can be traced.</summary>
/// <param name="Key">The key read.</param>
/// <param name="Status">Found, deleted or not found.</param>
/// <param name="Values">The sibling values read (UTF-8 text), empty unless found.</param>
/// <param name="Context">The context the read returned.</param>
/// <param name="Client">The workload client that read.</param>
/// <param name="Node">The node read from, when known.</param>
/// <param name="At">When the read's result was recorded.</param>
public sealed record HistoryRead(string Key, DynamoObjectStatus Status, IReadOnlyList<string> Values, DynamoContext Context, int Client, int? Node, DateTimeOffset At);
