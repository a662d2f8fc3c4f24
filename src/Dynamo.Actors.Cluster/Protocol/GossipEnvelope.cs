using System.Diagnostics;

namespace Dynamo.Actors.Cluster.Protocol;

/// <summary>Gossip from one incarnation to another; addressed by uid so a restarted node drops gossip meant for its predecessor.</summary>
internal sealed record GossipEnvelope(UniqueAddress From, UniqueAddress To, Gossip Gossip)
{
    /// <summary>
    /// When the envelope arrived from the network (a <see cref="Stopwatch"/> timestamp), set as it is deserialized,
    /// just before it joins the daemon's mailbox; null for envelopes sent within this process. Age is measured from
    /// here rather than from a send time because the nodes' clocks are not synchronized (Akka does the same).
    /// </summary>
    public long? ReceivedAt { get; init; }

    /// <summary>True when the envelope waited in the receiver longer than <paramref name="timeToLive"/>: a stale view not worth merging.</summary>
    public bool IsOverdue(TimeSpan timeToLive) =>
        ReceivedAt is { } received && Stopwatch.GetElapsedTime(received) > timeToLive;
}
