using System.Collections.Immutable;

namespace Dynamo.Actors.Cluster;

/// <summary>
/// A node as the cluster sees it: its incarnation, status, up-number (its age among Up members) and roles.
/// Immutable; every status change goes through <see cref="WithStatus"/> or <see cref="WithUp"/>, which refuse
/// moves Akka.Cluster does not allow.
/// </summary>
/// <remarks>
/// Two members are equal when they are the same incarnation (<see cref="UniqueAddress"/>), whatever their
/// status, as in Akka: a member is an identity whose state moves on.
/// </remarks>
public sealed class Member : IEquatable<Member>, IComparable<Member>
{
    /// <summary>The up-number of a member that has never been Up; it sorts as the youngest.</summary>
    public const int NotUpYet = int.MaxValue;

    private Member(UniqueAddress uniqueAddress, MemberStatus status, int upNumber, ImmutableSortedSet<string> roles)
    {
        UniqueAddress = uniqueAddress;
        Status = status;
        UpNumber = upNumber;
        Roles = roles;
    }

    /// <summary>The incarnation this member is.</summary>
    public UniqueAddress UniqueAddress { get; }

    /// <summary>The address of the incarnation.</summary>
    public Address Address => UniqueAddress.Address;

    /// <summary>Where the member is in its life cycle.</summary>
    public MemberStatus Status { get; }

    /// <summary>
    /// The order in which the leader moved members to Up; lower is older. <see cref="NotUpYet"/> before that. A node
    /// restarted on the same address gets its previous incarnation's up-number (see <see cref="MembershipState.LeaderActions"/>).
    /// </summary>
    public int UpNumber { get; }

    /// <summary>The roles the node declared when it joined (fixed for the incarnation).</summary>
    public ImmutableSortedSet<string> Roles { get; }

    /// <summary>A new member that has just asked to join.</summary>
    /// <exception cref="ArgumentException">A role is null, empty or white space.</exception>
    public static Member Create(UniqueAddress node, IEnumerable<string>? roles = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        var set = (roles ?? []).ToImmutableSortedSet(StringComparer.Ordinal);
        if (set.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException($"Member {node} has an empty role name.", nameof(roles));
        return new Member(node, MemberStatus.Joining, NotUpYet, set);
    }

    /// <summary>Rebuilds a member exactly as it was recorded (deserialization); only the up-number is checked.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The up-number is not positive.</exception>
    public static Member Restore(UniqueAddress node, MemberStatus status, int upNumber, IEnumerable<string> roles)
    {
        if (upNumber <= 0) throw new ArgumentOutOfRangeException(nameof(upNumber), upNumber, $"Member {node} has a non-positive up-number.");
        if (!Enum.IsDefined(status)) throw new ArgumentOutOfRangeException(nameof(status), status, $"Member {node} has an unknown status.");
        var created = Create(node, roles);
        return new Member(node, status, upNumber, created.Roles);
    }

    /// <summary>True when Akka.Cluster allows a member to move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool IsAllowedTransition(MemberStatus from, MemberStatus to) => (from, to) switch
    {
        (MemberStatus.Joining, MemberStatus.Up or MemberStatus.Leaving or MemberStatus.Down or MemberStatus.Removed) => true,
        (MemberStatus.Up, MemberStatus.Leaving or MemberStatus.Down or MemberStatus.Removed) => true,
        (MemberStatus.Leaving, MemberStatus.Exiting or MemberStatus.Down or MemberStatus.Removed) => true,
        (MemberStatus.Exiting, MemberStatus.Removed or MemberStatus.Down) => true,
        (MemberStatus.Down, MemberStatus.Removed) => true,
        _ => false,
    };

    /// <summary>This member with a new status; the same instance when the status does not change.</summary>
    /// <exception cref="InvalidOperationException">Akka.Cluster does not allow the move.</exception>
    public Member WithStatus(MemberStatus status)
    {
        if (status == Status) return this;
        if (!IsAllowedTransition(Status, status))
            throw new InvalidOperationException($"Member {UniqueAddress} cannot move from {Status} to {status}.");
        return new Member(UniqueAddress, status, UpNumber, Roles);
    }

    /// <summary>This member moved to Up with the up-number the leader gave it.</summary>
    /// <exception cref="InvalidOperationException">The member is not Joining.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The up-number is not positive.</exception>
    public Member WithUp(int upNumber)
    {
        if (upNumber <= 0 || upNumber == NotUpYet)
            throw new ArgumentOutOfRangeException(nameof(upNumber), upNumber, "An up-number must be positive and below int.MaxValue.");
        var up = WithStatus(MemberStatus.Up);
        return new Member(up.UniqueAddress, up.Status, upNumber, up.Roles);
    }

    /// <summary>True when this member was moved to Up before <paramref name="other"/> (ties broken by address).</summary>
    public bool IsOlderThan(Member other) =>
        UpNumber == other.UpNumber ? UniqueAddress.CompareTo(other.UniqueAddress) < 0 : UpNumber < other.UpNumber;

    /// <summary>True when the member carries <paramref name="role"/>.</summary>
    public bool HasRole(string role) => Roles.Contains(role);

    /// <summary>
    /// Of two views of the same incarnation, the one gossip merge keeps: the status furthest along
    /// (Removed, Down, Exiting, Leaving, Up, Joining), then the older. Commutative and associative, so
    /// merging gossip in any order gives the same member.
    /// </summary>
    /// <exception cref="ArgumentException">The two are different incarnations.</exception>
    public static Member HighestPriorityOf(Member a, Member b)
    {
        if (!a.UniqueAddress.Equals(b.UniqueAddress))
            throw new ArgumentException($"Cannot pick between different incarnations {a.UniqueAddress} and {b.UniqueAddress}.");
        if (a.Status == b.Status) return b.IsOlderThan(a) ? b : a;
        return Precedence(a.Status) > Precedence(b.Status) ? a : b;
    }

    // Later life-cycle stages win a merge: a node seen as Down by anyone stays Down.
    private static int Precedence(MemberStatus status) => status switch
    {
        MemberStatus.Joining => 0,
        MemberStatus.Up => 1,
        MemberStatus.Leaving => 2,
        MemberStatus.Exiting => 3,
        MemberStatus.Down => 4,
        MemberStatus.Removed => 5,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown member status."),
    };

    /// <summary>Orders members by unique address (address, then uid), the order gossip keeps them in.</summary>
    public int CompareTo(Member? other) => other is null ? 1 : UniqueAddress.CompareTo(other.UniqueAddress);

    /// <inheritdoc />
    public bool Equals(Member? other) => other is not null && UniqueAddress.Equals(other.UniqueAddress);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Member m && Equals(m);

    /// <inheritdoc />
    public override int GetHashCode() => UniqueAddress.GetHashCode();

    /// <inheritdoc />
    public override string ToString() =>
        $"Member({UniqueAddress}, {Status}{(UpNumber == NotUpYet ? "" : $", up #{UpNumber}")}{(Roles.IsEmpty ? "" : $", roles [{string.Join(",", Roles)}]")})";
}
