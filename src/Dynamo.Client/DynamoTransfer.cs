using System.Text.Json.Serialization;

namespace Dynamo.Client;

/// <summary>One ownership transfer as its sending node reports it (an element of <c>transfers</c> in <c>GET /cluster</c>).</summary>
/// <param name="Partition">The partition being handed off.</param>
/// <param name="From">The old owner, the node that sends.</param>
/// <param name="To">The new owner.</param>
/// <param name="ObjectsSent">Objects the receiver acknowledged in the current attempt.</param>
/// <param name="State">Starting, Sending, Finishing, Completed or Refused.</param>
/// <param name="Attempts">Attempts started (more than 1 after a failure restarted it).</param>
/// <param name="LastError">Why the last attempt failed, null when none did.</param>
/// <param name="ObjectsSkipped">Objects the current attempt does not send again because it resumed where an earlier one left off; 0 when it started from the beginning.</param>
public sealed record DynamoTransfer(int Partition, string From, string To, long ObjectsSent, string State, int Attempts, string? LastError, long ObjectsSkipped = 0)
{
    /// <summary>Whether the transfer is still running (starting, sending or finishing) rather than completed or refused.</summary>
    [JsonIgnore]
    public bool InProgress => State is "Starting" or "Sending" or "Finishing";
}
