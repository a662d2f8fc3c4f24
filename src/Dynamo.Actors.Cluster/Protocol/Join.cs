namespace Dynamo.Actors.Cluster.Protocol;

/// <summary><paramref name="Node"/> asks a member to add it with <paramref name="Roles"/>.</summary>
internal sealed record Join(UniqueAddress Node, IReadOnlyList<string> Roles);
