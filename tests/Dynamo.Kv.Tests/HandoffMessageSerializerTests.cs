using System.Runtime.Serialization;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Handoff;

namespace Dynamo.Kv.Tests;

/// <summary>Messages of <see cref="HandoffMessageSerializer"/>, written and read through the actor system's bindings.</summary>
public sealed class HandoffMessageSerializerTests : KvTestKit
{
    private readonly HandoffMessageSerializer _serializer;

    public HandoffMessageSerializerTests() => _serializer = SerializationRoundTrip.SerializerFor<HandoffMessageSerializer>(Sys, HandoffMessageSerializer.MessageTypes);

    private T RoundTrip<T>(T message) where T : notnull => SerializationRoundTrip.Through<HandoffMessageSerializer, T>(Sys, message);

    [Fact]
    public void Control_messages_of_a_transfer_round_trip()
    {
        Assert.Equal(new HandoffBegin("t", 3, "127.0.0.1:1", -5), RoundTrip(new HandoffBegin("t", 3, "127.0.0.1:1", -5)));
        Assert.Equal(new HandoffAccepted("t", 3, 7, "127.0.0.1:2", 99, true), RoundTrip(new HandoffAccepted("t", 3, 7, "127.0.0.1:2", 99, true)));
        Assert.Equal(new HandoffRefused("t", 3, "n", "why"), RoundTrip(new HandoffRefused("t", 3, "n", "why")));
        Assert.Equal(new HandoffFinish("t", 3, 12), RoundTrip(new HandoffFinish("t", 3, 12)));
        Assert.Equal([1, 2], RoundTrip(new HandoffPeek(3, [1, 2])).StorageKey);
        Assert.Same(DrainNode.Instance, RoundTrip(DrainNode.Instance));
        Assert.Same(GetTransfers.Instance, RoundTrip(GetTransfers.Instance));
        Assert.Equal(new DrainAccepted("n"), RoundTrip(new DrainAccepted("n")));
        Assert.Equal(new NodeDraining("n", 42), RoundTrip(new NodeDraining("n", 42)));
        Assert.Equal(new DrainAcknowledged("m", "n"), RoundTrip(new DrainAcknowledged("m", "n")));
    }

    [Fact]
    public void A_batch_round_trips_with_its_objects_and_every_sibling()
    {
        var set = SiblingSet.Empty.Update(CausalContext.Empty, new Sibling("x"u8.ToArray(), SiblingMetadata.Value(1, "text/plain")), "n1")
            .Sync(SiblingSet.Empty.Update(CausalContext.Empty, new Sibling("y"u8.ToArray(), SiblingMetadata.Value(2, "text/plain")), "n2"));
        var batch = RoundTrip(new HandoffBatch("t", 3, 2, [new HandoffObject([9, 8], set)]));

        Assert.Equal(("t", 3, 2L), (batch.TransferId, batch.Partition, batch.Sequence));
        Assert.Equal([9, 8], batch.Objects[0].StorageKey);
        Assert.Equal(set, batch.Objects[0].Object);
    }

    [Fact]
    public void Fold_progress_round_trips_in_a_batch_and_in_the_answer_to_a_begin_and_is_absent_when_not_given()
    {
        var batch = RoundTrip(new HandoffBatch("t", 3, 4, [], new HandoffFold(1234, [7, 0, 7])));
        var accepted = RoundTrip(new HandoffAccepted("t", 3, 0, "n", 99, false, new HandoffFold(77, [1])));

        Assert.Equal((1234L, "070007"), (batch.Fold!.Mark, Convert.ToHexString(batch.Fold.FoldedTo)));
        Assert.Equal((77L, "01"), (accepted.Resume!.Mark, Convert.ToHexString(accepted.Resume.FoldedTo)));
        Assert.Null(RoundTrip(new HandoffBatch("t", 3, 5, [])).Fold);
        Assert.Null(RoundTrip(new HandoffAccepted("t", 3, 0, "n", 99, false)).Resume);
        var keyless = _serializer.ToBinary(new HandoffBatch("t", 3, 4, [], new HandoffFold(5, [])));
        Assert.Contains("names no key", Assert.Throws<SerializationException>(() => _serializer.FromBinary(keyless, "handoff-batch")).Message);
    }

    [Fact]
    public void A_transfers_list_round_trips_with_state_and_error()
    {
        var transfers = RoundTrip(new Transfers("a", [
            new TransferStatus(1, "a", "b", 10, TransferState.Sending, 1, null),
            new TransferStatus(2, "a", "c", 0, TransferState.Refused, 1, "itself")]));

        Assert.Equal("a", transfers.Node);
        Assert.Equal(2, transfers.Items.Length);
        Assert.Equal(new TransferStatus(1, "a", "b", 10, TransferState.Sending, 1, null), transfers.Items[0]);
        var resumed = new TransferStatus(4, "a", "b", 30, TransferState.Sending, 3, "no answer", ObjectsSkipped: 250);
        Assert.Equal(resumed, RoundTrip(new Transfers("a", [resumed])).Items[0]);
        Assert.Equal(new TransferStatus(2, "a", "c", 0, TransferState.Refused, 1, "itself"), transfers.Items[1]);
    }

    [Fact]
    public void Unknown_manifest_and_missing_fields_are_protocol_errors_naming_the_problem()
    {
        Assert.Contains("not a known message", Assert.Throws<SerializationException>(() => _serializer.FromBinary(Array.Empty<byte>(), "nope")).Message);
        Assert.Contains("no node", Assert.Throws<SerializationException>(() => _serializer.FromBinary(Array.Empty<byte>(), "drain-accepted")).Message);
        var batch = _serializer.ToBinary(new HandoffBatch("t", 3, 1, [new HandoffObject([], SiblingSet.Empty)]));
        Assert.Contains("no storage key", Assert.Throws<SerializationException>(() => _serializer.FromBinary(batch, "handoff-batch")).Message);
    }
}
