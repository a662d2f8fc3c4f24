using System.Collections.Immutable;

namespace Dynamo.Actors.Cluster;

/// <summary>
/// The cluster's settings (<c>dynamo.cluster</c>), with Akka.Cluster's defaults. Bound from HOCON by the
/// node host; every key is listed with its default in hocon/cluster.reference.conf.
/// </summary>
public sealed record ClusterSettings
{
    /// <summary>Akka's defaults, no seed nodes.</summary>
    public static readonly ClusterSettings Default = new();

    /// <summary>Nodes to contact to join; the first one starts a new cluster by joining itself (<c>seed-nodes</c>).</summary>
    public ImmutableArray<Address> SeedNodes { get; init; } = [];

    /// <summary>How long to wait for seed nodes to answer a join before trying again (<c>seed-node-timeout</c>).</summary>
    public TimeSpan SeedNodeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a join may stay unanswered before it is retried (<c>retry-unsuccessful-join-after</c>).</summary>
    public TimeSpan RetryUnsuccessfulJoinAfter { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a node gossips to a peer (<c>gossip-interval</c>).</summary>
    public TimeSpan GossipInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Received gossip older than this is dropped unread (<c>gossip-time-to-live</c>).</summary>
    public TimeSpan GossipTimeToLive { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the leader runs its actions (<c>leader-actions-interval</c>).</summary>
    public TimeSpan LeaderActionsInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often failure-detector verdicts are turned into reachability changes (<c>unreachable-nodes-reaper-interval</c>).</summary>
    public TimeSpan UnreachableNodesReaperInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Delay before the periodic tasks first run (<c>periodic-tasks-initial-delay</c>).</summary>
    public TimeSpan PeriodicTasksInitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Unreachable members are downed automatically after this long; null (the default) leaves downing to operators (<c>auto-down-unreachable-after</c>).</summary>
    public TimeSpan? AutoDownUnreachableAfter { get; init; }

    /// <summary>The leader moves no one to Up before this many members have joined (<c>min-nr-of-members</c>).</summary>
    public int MinNrOfMembers { get; init; } = 1;

    /// <summary>How long tombstones of removed members are kept in gossip (<c>prune-gossip-tombstones-after</c>).</summary>
    public TimeSpan PruneGossipTombstonesAfter { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Roles this node declares when it joins (<c>roles</c>).</summary>
    public ImmutableArray<string> Roles { get; init; } = [];

    /// <summary>The failure detector's settings (<c>failure-detector</c>).</summary>
    public FailureDetectorSettings FailureDetector { get; init; } = FailureDetectorSettings.Default;

    /// <summary>Checks every value.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names its key.</exception>
    public ClusterSettings Validate()
    {
        const string p = "dynamo.cluster.";
        Require(!SeedNodes.IsDefault, p + "seed-nodes must be a list");
        foreach (var seed in SeedNodes)
            Require(seed is { HasGlobalScope: true }, p + $"seed-nodes entry '{seed}' must be protocol://system@host:port");
        Require(SeedNodes.Distinct().Count() == SeedNodes.Length, p + "seed-nodes must not repeat an address");
        Require(SeedNodeTimeout > TimeSpan.Zero, p + "seed-node-timeout must be positive");
        Require(RetryUnsuccessfulJoinAfter > TimeSpan.Zero, p + "retry-unsuccessful-join-after must be positive");
        Require(GossipInterval > TimeSpan.Zero, p + "gossip-interval must be positive");
        Require(GossipTimeToLive > TimeSpan.Zero, p + "gossip-time-to-live must be positive");
        Require(LeaderActionsInterval > TimeSpan.Zero, p + "leader-actions-interval must be positive");
        Require(UnreachableNodesReaperInterval > TimeSpan.Zero, p + "unreachable-nodes-reaper-interval must be positive");
        Require(PeriodicTasksInitialDelay >= TimeSpan.Zero, p + "periodic-tasks-initial-delay must not be negative");
        Require(AutoDownUnreachableAfter is null || AutoDownUnreachableAfter >= TimeSpan.Zero, p + "auto-down-unreachable-after must be off or not negative");
        Require(MinNrOfMembers >= 1, p + "min-nr-of-members must be at least 1");
        Require(PruneGossipTombstonesAfter > TimeSpan.Zero, p + "prune-gossip-tombstones-after must be positive");
        Require(!Roles.IsDefault && Roles.All(r => !string.IsNullOrWhiteSpace(r)), p + "roles must not contain empty names");
        Require(FailureDetector is not null, p + "failure-detector must be set");
        FailureDetector!.Validate();
        return this;
    }

    private static void Require(bool ok, string message)
    {
        if (!ok) throw new ArgumentException(message + ".");
    }
}
