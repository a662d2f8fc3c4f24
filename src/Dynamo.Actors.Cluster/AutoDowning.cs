using System.Collections.Immutable;

namespace Dynamo.Actors.Cluster;

/// <summary>
/// The opt-in auto-down rule (<c>auto-down-unreachable-after</c>), as pure functions over the caller's
/// clock: the leader tracks since when each member has been unreachable and downs those unreachable for
/// longer than the configured time. Off by default, because downing on a timeout splits the cluster in two
/// during a network partition; Dynamo's sloppy quorum and hinted handoff cover temporary unreachability.
/// </summary>
public static class AutoDowning
{
    /// <summary>
    /// The updated "unreachable since" table: members no longer unreachable are forgotten, newly
    /// unreachable ones are stamped with <paramref name="nowMillis"/>, the others keep their first time.
    /// </summary>
    public static ImmutableSortedDictionary<UniqueAddress, long> TrackUnreachable(
        ImmutableSortedDictionary<UniqueAddress, long> unreachableSince, IEnumerable<UniqueAddress> unreachableNow, long nowMillis)
    {
        ArgumentNullException.ThrowIfNull(unreachableSince);
        var builder = ImmutableSortedDictionary.CreateBuilder<UniqueAddress, long>();
        foreach (var node in unreachableNow)
            builder[node] = unreachableSince.TryGetValue(node, out var since) ? since : nowMillis;
        return builder.ToImmutable();
    }

    /// <summary>
    /// The members of <paramref name="gossip"/> to down at <paramref name="nowMillis"/>: those not yet Down
    /// that have been unreachable for at least <paramref name="autoDownUnreachableAfter"/>. Empty when the
    /// setting is off (null). Only the leader should act on the result.
    /// </summary>
    public static ImmutableArray<UniqueAddress> MembersToDown(
        Gossip gossip, IReadOnlyDictionary<UniqueAddress, long> unreachableSince, long nowMillis, TimeSpan? autoDownUnreachableAfter)
    {
        ArgumentNullException.ThrowIfNull(gossip);
        ArgumentNullException.ThrowIfNull(unreachableSince);
        if (autoDownUnreachableAfter is not { } after) return [];
        long afterMillis = (long)after.TotalMilliseconds;
        return [.. unreachableSince
            .Where(kv => nowMillis - kv.Value >= afterMillis)
            .Select(kv => kv.Key)
            .Where(n => gossip.FindMember(n) is { Status: not MemberStatus.Down })
            .Order()];
    }
}
