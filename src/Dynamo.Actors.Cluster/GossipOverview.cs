using System.Collections.Immutable;

namespace Dynamo.Actors.Cluster;

/// <summary>The parts of a gossip that are about the gossip itself: who has seen this version, and who can reach whom.</summary>
public sealed class GossipOverview
{
    /// <summary>No node has seen the gossip; everyone is reachable.</summary>
    public static readonly GossipOverview Empty = new(ImmutableSortedSet<UniqueAddress>.Empty, Reachability.Empty);

    /// <summary>An overview with the given seen set and reachability table.</summary>
    public GossipOverview(ImmutableSortedSet<UniqueAddress> seen, Reachability reachability)
    {
        Seen = seen ?? throw new ArgumentNullException(nameof(seen));
        Reachability = reachability ?? throw new ArgumentNullException(nameof(reachability));
    }

    /// <summary>The members that have seen exactly this version of the gossip.</summary>
    public ImmutableSortedSet<UniqueAddress> Seen { get; }

    /// <summary>Who reports whom unreachable.</summary>
    public Reachability Reachability { get; }

    /// <summary>This overview with another seen set.</summary>
    public GossipOverview WithSeen(ImmutableSortedSet<UniqueAddress> seen) => new(seen, Reachability);

    /// <summary>This overview with another reachability table.</summary>
    public GossipOverview WithReachability(Reachability reachability) => new(Seen, reachability);
}
