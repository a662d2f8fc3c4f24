namespace Dynamo.Server.Node;

/// <summary>The <c>handoff</c> section of <c>/stats</c>: this node's outgoing ownership transfers in numbers.</summary>
/// <param name="Active">Transfers still running (starting, sending or finishing).</param>
/// <param name="Completed">Transfers the receiver confirmed, after which this node dropped its copy.</param>
/// <param name="Refused">Transfers refused because the receiver was this node itself; nothing was deleted.</param>
/// <param name="ObjectsSent">Objects acknowledged across the transfers listed.</param>
public sealed record HandoffStats(int Active, int Completed, int Refused, long ObjectsSent)
{
    /// <summary>No transfers at all.</summary>
    public static HandoffStats None { get; } = new(0, 0, 0, 0);

    /// <summary>The figures of <paramref name="transfers"/>.</summary>
    public static HandoffStats Of(IEnumerable<TransferView> transfers)
    {
        ArgumentNullException.ThrowIfNull(transfers);
        var list = transfers.ToList();
        return new HandoffStats(
            list.Count(t => t.State is "Starting" or "Sending" or "Finishing"),
            list.Count(t => t.State == "Completed"),
            list.Count(t => t.State == "Refused"),
            list.Sum(t => t.ObjectsSent));
    }
}
