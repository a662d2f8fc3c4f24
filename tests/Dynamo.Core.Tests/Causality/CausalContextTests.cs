using Dynamo.Core.Causality;

namespace Dynamo.Core.Tests.Causality;

public sealed class CausalContextTests
{
    [Fact]
    public void Context_round_trips_through_its_bytes()
    {
        var context = new CausalContext(VersionVector.From([new Dot("Sx", 3), new Dot("Sy", 1), new Dot("Sz", 300)]));
        var bytes = context.ToBytes();
        Assert.Equal(context, CausalContext.Parse(bytes));
        // Format byte, count, then length + id + varint counter per entry: 2 + 4 + 4 + 5.
        Assert.Equal(15, bytes.Length);
    }

    [Fact]
    public void Empty_context_is_empty_bytes()
    {
        Assert.Empty(CausalContext.Empty.ToBytes());
        Assert.Equal(CausalContext.Empty, CausalContext.Parse([]));
    }

    [Theory]
    [InlineData(new byte[] { 2, 0 }, "version 2")]
    [InlineData(new byte[] { 1, 1, 1, (byte)'a' }, "end of data")]
    [InlineData(new byte[] { 1, 1, 1, (byte)'a', 0 }, "counter")]
    [InlineData(new byte[] { 1, 2, 1, (byte)'b', 1, 1, (byte)'a', 1 }, "out of order")]
    [InlineData(new byte[] { 1, 1, 1, 0xFF, 1 }, "UTF-8")]
    [InlineData(new byte[] { 1, 0, 0 }, "trailing")]
    [InlineData(new byte[] { 1, 100 }, "entry count")]
    public void Corrupt_context_bytes_throw_invalid_context_naming_the_problem(byte[] bytes, string problem)
    {
        var e = Assert.Throws<InvalidContextException>(() => CausalContext.Parse(bytes));
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Every_truncation_of_a_context_is_rejected()
    {
        var bytes = new CausalContext(VersionVector.From([new Dot("node-1", 1234567), new Dot("node-2", 1)])).ToBytes();
        for (var length = 1; length < bytes.Length; length++)
        {
            Assert.Throws<InvalidContextException>(() => CausalContext.Parse(bytes.AsSpan(0, length)));
        }
    }
}
