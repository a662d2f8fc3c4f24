using FsCheck;
using FsCheck.Fluent;
using static Dynamo.Actors.Cluster.Tests.TestNodes;

namespace Dynamo.Actors.Cluster.Tests;

public class GossipSerializerTests
{
    private static Gossip Sample()
    {
        var members = new[]
        {
            MemberOf(Node(1), MemberStatus.Up, 1, "api", "storage"),
            MemberOf(Node(2), MemberStatus.Leaving, 2),
            MemberOf(Node(3), MemberStatus.Joining),
        };
        var reachability = Reachability.Empty.Unreachable(Node(1), Node(3)).Terminated(Node(2), Node(3));
        return GossipOf(members, [Node(1), Node(2)], reachability).Increment(Node(2))
            .Merge(GossipOf([MemberOf(5, MemberStatus.Exiting, 3)]).Remove(Node(5), 42))
            .Seen(Node(1)).Seen(Node(3));
    }

    [Fact]
    public void Generated_gossips_round_trip_exactly() =>
        Prop.ForAll(Generators.GossipArb, g =>
        {
            var bytes = GossipSerializer.ToBinary(g);
            var back = GossipSerializer.FromBinary(bytes);
            return Describe(back) == Describe(g) && GossipSerializer.ToBinary(back).AsSpan().SequenceEqual(bytes);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void A_gossip_with_every_part_round_trips()
    {
        var g = Sample();
        Assert.NotEmpty(g.Tombstones);
        Assert.NotEmpty(g.SeenBy);
        Assert.NotEmpty(g.Reachability.Records);
        var back = GossipSerializer.FromBinary(GossipSerializer.ToBinary(g));
        Assert.Equal(Describe(g), Describe(back));
        Assert.Equal(["api", "storage"], back.GetMember(Node(1)).Roles);
    }

    [Fact]
    public void An_unknown_format_version_is_refused_by_number()
    {
        var bytes = GossipSerializer.ToBinary(Sample());
        bytes[0] = 9;
        Assert.Contains("format version 9", Assert.Throws<InvalidDataException>(() => GossipSerializer.FromBinary(bytes)).Message);
    }

    [Fact]
    public void Every_truncation_is_refused()
    {
        var bytes = GossipSerializer.ToBinary(Sample());
        for (int length = 0; length < bytes.Length; length++)
            Assert.Throws<InvalidDataException>(() => GossipSerializer.FromBinary(bytes[..length]));
    }

    [Fact]
    public void Trailing_bytes_are_refused()
    {
        var bytes = GossipSerializer.ToBinary(Sample());
        Assert.Contains("unexpected bytes", Assert.Throws<InvalidDataException>(() => GossipSerializer.FromBinary([.. bytes, 0])).Message);
    }

    [Fact]
    public void Flipped_bytes_give_a_gossip_or_a_clear_error_never_anything_else()
    {
        var bytes = GossipSerializer.ToBinary(Sample());
        var random = new Random(11);
        int refused = 0;
        for (int i = 0; i < 2000; i++)
        {
            var corrupt = (byte[])bytes.Clone();
            corrupt[1 + random.Next(corrupt.Length - 1)] ^= (byte)(1 << random.Next(8));
            try
            {
                GossipSerializer.FromBinary(corrupt);
            }
            catch (InvalidDataException e)
            {
                Assert.StartsWith("Corrupt gossip", e.Message);
                refused++;
            }
        }
        Assert.True(refused > 0);
    }

    [Fact]
    public void Random_bytes_after_the_format_byte_give_a_gossip_or_a_clear_error() =>
        Prop.ForAll(Gen.ArrayOf(Gen.Choose(0, 255).Select(x => (byte)x)).ToArbitrary(), tail =>
        {
            try
            {
                GossipSerializer.FromBinary([GossipSerializer.FormatVersion, .. tail]);
                return true;
            }
            catch (InvalidDataException e)
            {
                return e.Message.StartsWith("Corrupt gossip", StringComparison.Ordinal);
            }
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void A_negative_string_length_is_refused_as_corrupt()
    {
        // Address table of one entry whose protocol string claims length -1 (7-bit encoded 0xFFFFFFFF).
        byte[] bytes = [GossipSerializer.FormatVersion, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        var e = Assert.Throws<InvalidDataException>(() => GossipSerializer.FromBinary(bytes));
        Assert.StartsWith("Corrupt gossip", e.Message);
        Assert.IsNotType<EndOfStreamException>(e.InnerException);
        Assert.IsAssignableFrom<IOException>(e.InnerException);
    }

    [Fact]
    public void A_member_status_out_of_range_is_refused()
    {
        var bytes = GossipSerializer.ToBinary(GossipOf([MemberOf(1, MemberStatus.Up, 1)]));
        // Layout: format, table count, one address, member count, member index, then the status byte.
        using var stream = new MemoryStream(bytes);
        using var reader = new BinaryReader(stream);
        reader.ReadByte();
        reader.Read7BitEncodedInt();
        GossipSerializer.ReadUniqueAddress(reader);
        reader.Read7BitEncodedInt();
        reader.Read7BitEncodedInt();
        bytes[stream.Position] = 77;
        Assert.Contains("member status 77", Assert.Throws<InvalidDataException>(() => GossipSerializer.FromBinary(bytes)).Message);
    }
}
