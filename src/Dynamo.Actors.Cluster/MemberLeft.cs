namespace Dynamo.Actors.Cluster;

/// <summary>A member is Leaving.</summary>
/// <param name="Member">The member as it is now.</param>
public sealed record MemberLeft(Member Member) : MemberEvent(Member);
