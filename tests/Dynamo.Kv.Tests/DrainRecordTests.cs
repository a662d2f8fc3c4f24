using Akka.Actor;
using Dynamo.Kv.Membership;
using Dynamo.Kv.Remoting;

namespace Dynamo.Kv.Tests;

/// <summary>A node's drain record on the test journal: what a restart recovers, and a write the journal fails.</summary>
public sealed class DrainRecordTests : KvTestKit
{
    [Fact]
    public void A_fresh_record_restores_not_draining()
    {
        ChildActorOf(DrainRecord.Props());

        Assert.False(ExpectMsg<DrainRestored>().Draining);
    }

    [Fact]
    public void A_recorded_drain_is_restored_by_the_next_incarnation_and_an_ended_one_is_not()
    {
        var first = ChildActorOf(DrainRecord.Props());
        ExpectMsg<DrainRestored>();
        first.Tell(DrainStarted.Instance, TestActor);
        ExpectMsg<DrainStarted>();
        Stop(first);

        var second = ChildActorOf(DrainRecord.Props());
        Assert.True(ExpectMsg<DrainRestored>().Draining);
        second.Tell(DrainEnded.Instance, TestActor);
        ExpectMsg<DrainEnded>();
        Stop(second);

        ChildActorOf(DrainRecord.Props());
        Assert.False(ExpectMsg<DrainRestored>().Draining);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_write_the_journal_fails_stops_the_record_without_confirming_it()
    {
        var gate = JournalGate.Holding<DrainStarted>();
        await Journal.OnWrite.SetInterceptorAsync(gate);
        var record = ChildActorOf(DrainRecord.Props());
        ExpectMsg<DrainRestored>();
        Watch(record);

        record.Tell(DrainStarted.Instance, TestActor);
        await gate.Arrived.WaitAsync(TimeSpan.FromSeconds(10));
        gate.Fail("disk full");

        ExpectTerminated(record);
        ExpectNoMsg(Settle);
    }

    [Fact]
    public void The_events_round_trip_through_their_serializer()
    {
        Assert.Same(DrainStarted.Instance, SerializationRoundTrip.Through<DrainRecordSerializer, DrainStarted>(Sys, DrainStarted.Instance));
        Assert.Same(DrainEnded.Instance, SerializationRoundTrip.Through<DrainRecordSerializer, DrainEnded>(Sys, DrainEnded.Instance));
    }
}
