namespace Dynamo.Actors.Cluster;

/// <summary>The leader moved a leaving member to Exiting.</summary>
/// <param name="Member">The member as it is now.</param>
public sealed record MemberExited(Member Member) : MemberEvent(Member);
