using System.Text;
using Akka.Actor;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Hints;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Tests;

/// <summary>
/// The pending-hint figure: a hint counts once the journal holds it, never before and never twice, also when it
/// is recovered from a snapshot and the events after it.
/// </summary>
public sealed class HintCountTests : KvTestKit
{
    private const string Owner = "owner";

    // No periodic check within the test, and a snapshot after the second event, so recovery reads a snapshot and an event after it.
    private static readonly HintedHandoffSettings Settings = new() { CheckInterval = TimeSpan.FromHours(1), SnapshotEvery = 2 };

    public HintCountTests()
        : base(virtualTime: false)
    {
    }

    [Fact(Timeout = 30_000)]
    public async Task A_hint_counts_once_the_journal_holds_it_and_once_only_after_recovery()
    {
        var gate = JournalGate.Holding<HintAdded>();
        await Journal.OnWrite.SetInterceptorAsync(gate);
        var handoff = Sys.ActorOf(HintedHandoff.Props("fallback", new ProbeDirectory(), Settings));

        handoff.Tell(new HintedPut(Owner, 5, "b", Encoding.UTF8.GetBytes("k1"), Value("v1")), TestActor);
        await gate.Arrived.WaitAsync(TimeSpan.FromSeconds(10));

        // Handed to the journal but not confirmed: not stored yet, so not pending either.
        var held = await StatsAsync(handoff);
        Assert.Equal((0L, 0L), (held.Stored, held.PendingTotal));
        gate.Open();
        ExpectMsg<ReplicaPutAck>();
        foreach (var key in new[] { "k2", "k3" })
        {
            handoff.Tell(new HintedPut(Owner, 5, "b", Encoding.UTF8.GetBytes(key), Value(key)), TestActor);
            ExpectMsg<ReplicaPutAck>();
        }
        var stored = await StatsAsync(handoff);
        Assert.Equal((3L, 3L), (stored.Stored, stored.Pending.GetValueOrDefault(Owner)));

        Watch(handoff);
        Sys.Stop(handoff);
        ExpectTerminated(handoff);
        var recovered = await StatsAsync(Sys.ActorOf(HintedHandoff.Props("fallback", new ProbeDirectory(), Settings)));

        Assert.Equal((0L, 3L), (recovered.Stored, recovered.Pending.GetValueOrDefault(Owner)));
    }

    private static Task<HintStats> StatsAsync(IActorRef handoff) =>
        handoff.Ask<HintStats>(GetHintStats.Instance, TimeSpan.FromSeconds(5));

    private static SiblingSet Value(string value) =>
        SiblingSet.Empty.Update(CausalContext.Empty, new Sibling(Encoding.UTF8.GetBytes(value), SiblingMetadata.Value(1, "text/plain")), "fallback");
}
