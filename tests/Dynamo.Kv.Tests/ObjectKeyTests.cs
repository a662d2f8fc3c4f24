using Dynamo.Core.Partitioning;

namespace Dynamo.Kv.Tests;

public sealed class ObjectKeyTests
{
    [Fact]
    public void Encoded_key_decodes_to_bucket_and_key()
    {
        var (bucket, key) = ObjectKey.Decode(ObjectKey.Encode("bücket", [0, 255, 7]));

        Assert.Equal("bücket", bucket);
        Assert.Equal(new byte[] { 0, 255, 7 }, key);
    }

    [Fact]
    public void Bucket_and_key_boundaries_cannot_be_confused()
    {
        Assert.NotEqual(ObjectKey.Encode("ab", "c"u8), ObjectKey.Encode("a", "bc"u8));
    }

    [Fact]
    public void Encoding_is_the_byte_string_the_ring_hashes()
    {
        Assert.Equal(RingHash.Of("b"u8, "k"u8), RingHash.OfBytes(ObjectKey.Encode("b", "k"u8)));
    }

    [Fact]
    public void Truncated_key_is_rejected_naming_the_lengths()
    {
        var error = Assert.Throws<FormatException>(() => ObjectKey.Decode([0, 0, 0, 9, 1]));

        Assert.Contains("bucket length 9 exceeds its 1 remaining bytes", error.Message);
    }
}
