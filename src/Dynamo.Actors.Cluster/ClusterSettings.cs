using System.Collections.Immutable;
using Dynamo.Actors.Configuration;

namespace Dynamo.Actors.Cluster;

/// <summary>
/// The cluster's settings (<c>dynamo.cluster</c>), with Akka.Cluster's defaults. Bound from HOCON by the
/// node host; every key is listed with its default in hocon/reference.conf.
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

    /// <summary>Received gossip that waited in this node longer than this (from its arrival off the network) is dropped unread (<c>gossip-time-to-live</c>).</summary>
    public TimeSpan GossipTimeToLive { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the leader runs its actions (<c>leader-actions-interval</c>).</summary>
    public TimeSpan LeaderActionsInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often failure-detector verdicts are turned into reachability changes (<c>unreachable-nodes-reaper-interval</c>).</summary>
    public TimeSpan UnreachableNodesReaperInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Delay before the periodic tasks first run (<c>periodic-tasks-initial-delay</c>).</summary>
    public TimeSpan PeriodicTasksInitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Unreachable members are downed automatically after this long; null (the default) leaves downing to operators (<c>auto-down-unreachable-after</c>).</summary>
    public TimeSpan? AutoDownUnreachableAfter { get; init; }

    /// <summary>
    /// When this node sees itself Removed (after leaving or being downed) it terminates its actor system
    /// (<c>run-coordinated-shutdown-when-down</c>, on by default as in Akka).
    /// </summary>
    public bool RunCoordinatedShutdownWhenDown { get; init; } = true;

    /// <summary>The leader moves no one to Up before this many members have joined (<c>min-nr-of-members</c>).</summary>
    public int MinNrOfMembers { get; init; } = 1;

    /// <summary>How long tombstones of removed members are kept in gossip (<c>prune-gossip-tombstones-after</c>).</summary>
    public TimeSpan PruneGossipTombstonesAfter { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Roles this node declares when it joins (<c>roles</c>).</summary>
    public ImmutableArray<string> Roles { get; init; } = [];

    /// <summary>The failure detector's settings (<c>failure-detector</c>).</summary>
    public FailureDetectorSettings FailureDetector { get; init; } = FailureDetectorSettings.Default;

    /// <summary>Reads <c>dynamo.cluster</c> from a configuration that has the reference configuration as fallback.</summary>
    /// <exception cref="ConfigurationException">A value has the wrong type or is out of range; the message names key and position.</exception>
    public static ClusterSettings FromConfig(Config config)
    {
        var c = config.GetConfig("dynamo.cluster");
        var settings = new ClusterSettings
        {
            SeedNodes = [.. c.GetStringList("seed-nodes").Select((text, i) => ParseSeed(c, text, i))],
            SeedNodeTimeout = c.GetTimeSpan("seed-node-timeout"),
            RetryUnsuccessfulJoinAfter = c.GetTimeSpan("retry-unsuccessful-join-after"),
            GossipInterval = c.GetTimeSpan("gossip-interval"),
            GossipTimeToLive = c.GetTimeSpan("gossip-time-to-live"),
            LeaderActionsInterval = c.GetTimeSpan("leader-actions-interval"),
            UnreachableNodesReaperInterval = c.GetTimeSpan("unreachable-nodes-reaper-interval"),
            PeriodicTasksInitialDelay = c.GetTimeSpan("periodic-tasks-initial-delay"),
            // "off" is Akka's spelling for "never": downing stays with the operator.
            AutoDownUnreachableAfter = c.GetString("auto-down-unreachable-after") is "off" ? null : c.GetTimeSpan("auto-down-unreachable-after"),
            RunCoordinatedShutdownWhenDown = c.GetBoolean("run-coordinated-shutdown-when-down"),
            MinNrOfMembers = c.GetInt("min-nr-of-members"),
            PruneGossipTombstonesAfter = c.GetTimeSpan("prune-gossip-tombstones-after"),
            Roles = [.. c.GetStringList("roles")],
            FailureDetector = FailureDetectorSettings.FromConfig(c.GetConfig("failure-detector")),
        };
        try
        {
            return settings.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ConfigurationException(e.Message);
        }
    }

    private static Address ParseSeed(Config c, string text, int index) =>
        Address.TryParse(text, out var address)
            ? address
            : throw new ConfigurationException(
                c.OriginOf("seed-nodes") ?? new ConfigOrigin(null, 0, 0),
                $"seed-nodes entry {index} '{text}' is not an address (expected dynamo.tcp://system@host:port)",
                "dynamo.cluster.seed-nodes");

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
