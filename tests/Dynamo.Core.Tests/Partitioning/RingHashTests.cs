using System.Globalization;
using System.Text;
using Dynamo.Core.Partitioning;

namespace Dynamo.Core.Tests.Partitioning;

public sealed class RingHashTests
{
    [Theory]
    [InlineData("", "d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("The quick brown fox jumps over the lazy dog", "9e107d9d372bb6826bd81d3542a419d6")]
    public void Ring_position_is_the_md5_digest_read_big_endian(string input, string md5Hex)
    {
        var expected = UInt128.Parse(md5Hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        Assert.Equal(expected, RingHash.OfBytes(Encoding.UTF8.GetBytes(input)));
    }

    [Fact]
    public void Key_position_hashes_length_prefixed_bucket_then_key()
    {
        // MD5 of the bytes 00 00 00 01 'b' 'k', computed outside .NET.
        var expected = UInt128.Parse("935d0e17d223f807e53befa73cb7eb31", NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        Assert.Equal(expected, RingHash.Of("b"u8, "k"u8));
        Assert.NotEqual(RingHash.Of("ab"u8, "c"u8), RingHash.Of("a"u8, "bc"u8));
    }
}
