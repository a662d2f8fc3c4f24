namespace Dynamo.Actors.Cluster;

/// <summary>What a new subscriber receives before the events that follow (Akka's SubscriptionInitialStateMode).</summary>
public enum ClusterSubscriptionInitialState
{
    /// <summary>One <see cref="CurrentClusterState"/> snapshot.</summary>
    AsSnapshot,

    /// <summary>The events that lead from an empty cluster to the current state (e.g. one MemberUp per Up member).</summary>
    AsEvents,
}
