namespace Dynamo.Actors.Cluster;

/// <summary>
/// One incarnation of a node: its <see cref="Address"/> plus a uid drawn when the actor system starts.
/// A node restarted on the same host and port is a different member, so its old incarnation can be
/// downed and removed without being confused with the new one.
/// </summary>
/// <param name="Address">Where the node's actor system listens.</param>
/// <param name="Uid">The incarnation id, unique per start of the actor system.</param>
public sealed record UniqueAddress(Address Address, long Uid) : IComparable<UniqueAddress>
{
    /// <summary>Orders by address first, so "lowest address" rules ignore the uid unless two incarnations share an address.</summary>
    public int CompareTo(UniqueAddress? other)
    {
        if (other is null) return 1;
        int c = Address.CompareTo(other.Address);
        return c != 0 ? c : Uid.CompareTo(other.Uid);
    }

    /// <summary>The name of this node's entry in gossip vector clocks.</summary>
    public string VectorClockName => ToString();

    /// <inheritdoc />
    public override string ToString() => $"{Address}#{Uid}";
}
