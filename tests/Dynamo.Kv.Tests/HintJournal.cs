using Akka.Actor;
using Dynamo.Kv.Hints;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Tests;

/// <summary>What a node's hinted handoff keeps in its journal, read through the journal's replay protocol.</summary>
internal static class HintJournal
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    /// <summary>Every event the hinted handoff's journal of <paramref name="system"/> still holds, in order.</summary>
    public static async Task<IReadOnlyList<object>> EventsAsync(ActorSystem system)
    {
        var journal = Akka.Persistence.Persistence.Instance.Apply(system).JournalFor(null);
        return await EventReader.Read(system, journal, HintedHandoff.JournalPersistenceId, 1, long.MaxValue, Wait);
    }

    /// <summary>
    /// The hints the events add that no later event released, by id: what waits, as long as no snapshot let the
    /// events before it go.
    /// </summary>
    public static async Task<IReadOnlyList<HintAdded>> WaitingAsync(ActorSystem system)
    {
        var waiting = new SortedDictionary<long, HintAdded>();
        foreach (var e in await EventsAsync(system))
        {
            if (e is HintAdded added) waiting[added.Id] = added;
            else if (e is HintsDelivered delivered) foreach (var id in delivered.Ids) waiting.Remove(id);
        }
        return [.. waiting.Values];
    }
}
