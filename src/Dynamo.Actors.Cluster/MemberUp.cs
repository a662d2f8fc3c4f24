namespace Dynamo.Actors.Cluster;

/// <summary>The leader moved a member to Up.</summary>
/// <param name="Member">The member as it is now.</param>
public sealed record MemberUp(Member Member) : MemberEvent(Member);
