namespace Dynamo.Actors.Cluster;

/// <summary>A member was marked Down.</summary>
/// <param name="Member">The member as it is now.</param>
public sealed record MemberDowned(Member Member) : MemberEvent(Member);
