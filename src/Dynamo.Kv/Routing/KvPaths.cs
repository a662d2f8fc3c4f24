namespace Dynamo.Kv.Routing;

/// <summary>The well-known names of the key-value actors, the same on every node.</summary>
public static class KvPaths
{
    /// <summary>Name of the request router under /user.</summary>
    public const string RouterName = "kv";

    /// <summary>Name of the ring manager under the router.</summary>
    public const string RingManagerName = "ring";

    /// <summary>Name of the hinted handoff under the router.</summary>
    public const string HintedHandoffName = "hints";

    /// <summary>Name of the anti-entropy exchange under the router.</summary>
    public const string AntiEntropyName = "anti-entropy";

    /// <summary>Name of the bucket metadata under the router.</summary>
    public const string BucketMetadataName = "bucket-metadata";

    /// <summary>Name of the replica inbox under the router.</summary>
    public const string ReplicaInboxName = "replica-inbox";

    /// <summary>Name of the <paramref name="index"/>th coordinator host under the router.</summary>
    public static string CoordinatorHostName(int index) => $"coordinators-{index}";

    /// <summary>Path of the request router.</summary>
    public const string Router = "/user/" + RouterName;

    /// <summary>Path of the ring manager, parent of the vnodes.</summary>
    public const string RingManager = Router + "/" + RingManagerName;

    /// <summary>Path of the hinted handoff, which stores hints as a fallback and delivers them to their owners.</summary>
    public const string HintedHandoff = Router + "/" + HintedHandoffName;

    /// <summary>Path of the anti-entropy exchange, which compares hash trees with other replicas.</summary>
    public const string AntiEntropy = Router + "/" + AntiEntropyName;

    /// <summary>Path of the replica inbox, where other nodes' coordinator hosts send their batches of replica requests.</summary>
    public const string ReplicaInbox = Router + "/" + ReplicaInboxName;

    /// <summary>Path of the bucket metadata, which replicates bucket properties and hands every change to the router.</summary>
    public const string BucketMetadata = Router + "/" + BucketMetadataName;

    /// <summary>Name of the vnode of <paramref name="partition"/> under the ring manager.</summary>
    public static string VNodeName(int partition) => $"vnode-{partition}";

    /// <summary>Path of the vnode of <paramref name="partition"/>.</summary>
    public static string VNode(int partition) => RingManager + "/" + VNodeName(partition);
}
