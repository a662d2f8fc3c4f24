namespace Dynamo.Storage;

/// <summary>The metadata names a Dynamo node uses, so that every part of a node spells them alike.</summary>
public static class MetadataKeys
{
    /// <summary>The node's stable identity.</summary>
    public const string NodeId = "node.id";

    /// <summary>A number raised on every start, so that a node that lost its data is not mistaken for its old self.</summary>
    public const string Incarnation = "node.incarnation";

    /// <summary>The last ring (partition ownership) the node knew.</summary>
    public const string Ring = "cluster.ring";

    /// <summary>The last membership view the node knew.</summary>
    public const string Membership = "cluster.membership";
}
