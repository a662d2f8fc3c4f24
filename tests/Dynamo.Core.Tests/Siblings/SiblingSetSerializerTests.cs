using System.Collections.Immutable;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using FsCheck;
using FsCheck.Fluent;

namespace Dynamo.Core.Tests.Siblings;

public sealed class SiblingSetSerializerTests
{
    private static readonly Arbitrary<int> Seeds = Gen.Choose(0, int.MaxValue - 1).ToArbitrary();

    [Fact]
    public void Serialized_sibling_sets_round_trip() =>
        Prop.ForAll(Seeds, seed => SiblingHistory.Replicas(seed).All(set =>
            SiblingSetSerializer.Deserialize(SiblingSetSerializer.Serialize(set)).Equals(set))).QuickCheckThrowOnFailure();

    [Fact]
    public void Metadata_and_tombstones_round_trip()
    {
        var meta = new SiblingMetadata("application/json", -5, false,
            ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [new KeyValuePair<string, string>("k", "v"), new("é", "ü")]));
        var set = SiblingSet.Empty
            .Update(CausalContext.Empty, new Sibling(new byte[] { 0, 255, 7 }, meta), "nodé")
            .Update(CausalContext.Empty, Sibling.Tombstone(long.MaxValue), "b");

        var back = SiblingSetSerializer.Deserialize(SiblingSetSerializer.Serialize(set));

        Assert.Equal(set, back);
        Assert.Contains(back.Siblings, s => s.Metadata.UserMetadata.GetValueOrDefault("é") == "ü");
        Assert.Contains(back.Siblings, s => s.IsTombstone && s.Metadata.Timestamp == long.MaxValue);
    }

    [Fact]
    public void A_shared_decode_equals_a_copying_one_and_its_values_are_slices_of_the_bytes() =>
        Prop.ForAll(Seeds, seed => SiblingHistory.Replicas(seed).All(set =>
        {
            // Bytes with room on either side, as a value inside a larger message has.
            var encoded = SiblingSetSerializer.Serialize(set);
            var buffer = new byte[encoded.Length + 8];
            encoded.CopyTo(buffer, 3);
            var shared = SiblingSetSerializer.DeserializeShared(buffer.AsMemory(3, encoded.Length));
            return shared.Equals(set) && shared.Siblings.All(s => s.Value.Length == 0 || SlicesOf(s.Value, buffer));
        })).QuickCheckThrowOnFailure();

    [Fact]
    public void Every_truncation_is_rejected_as_an_invalid_sibling_set()
    {
        var bytes = SiblingSetSerializer.Serialize(SiblingHistory.Replicas(7)[0]);
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<InvalidSiblingSetException>(() => SiblingSetSerializer.Deserialize(bytes.AsSpan(0, length)));
        }
    }

    [Fact]
    public void Every_truncation_is_rejected_by_the_shared_decode_too()
    {
        var bytes = SiblingSetSerializer.Serialize(SiblingHistory.Replicas(7)[0]);
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<InvalidSiblingSetException>(() => SiblingSetSerializer.DeserializeShared(bytes.AsMemory(0, length)));
        }
    }

    [Fact]
    public void Unknown_format_version_and_trailing_bytes_are_named_in_the_error()
    {
        var bytes = SiblingSetSerializer.Serialize(SiblingSet.Empty.Update(CausalContext.Empty, Values.Of("v"), "A"));
        var wrongVersion = (byte[])bytes.Clone();
        wrongVersion[0] = 9;
        Assert.Contains("version 9", Assert.Throws<InvalidSiblingSetException>(() => SiblingSetSerializer.Deserialize(wrongVersion)).Message);
        Assert.Contains("trailing", Assert.Throws<InvalidSiblingSetException>(() => SiblingSetSerializer.Deserialize([.. bytes, 0])).Message);
    }

    [Fact]
    public void Random_corruption_either_parses_or_throws_the_specific_exception()
    {
        var bytes = SiblingSetSerializer.Serialize(SiblingHistory.Replicas(11)[1]);
        var random = new Random(11);
        for (var trial = 0; trial < 2000; trial++)
        {
            var corrupt = (byte[])bytes.Clone();
            corrupt[random.Next(corrupt.Length)] ^= (byte)(1 << random.Next(8));
            var error = Record.Exception(() => SiblingSetSerializer.Deserialize(corrupt));
            Assert.True(error is null or InvalidSiblingSetException, $"unexpected {error?.GetType().Name}: {error?.Message}");
        }
    }

    private static bool SlicesOf(ReadOnlyMemory<byte> value, byte[] buffer) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(value, out var segment) && ReferenceEquals(segment.Array, buffer);
}
