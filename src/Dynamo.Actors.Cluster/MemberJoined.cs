namespace Dynamo.Actors.Cluster;

/// <summary>A node asked to join and is now Joining.</summary>
/// <param name="Member">The member as it is now.</param>
public sealed record MemberJoined(Member Member) : MemberEvent(Member);
