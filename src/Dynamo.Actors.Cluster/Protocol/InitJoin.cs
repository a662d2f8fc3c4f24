namespace Dynamo.Actors.Cluster.Protocol;

/// <summary>A node that wants to join asks a seed node whether it is a member and can accept joins.</summary>
internal sealed record InitJoin
{
    public static readonly InitJoin Instance = new();
}
