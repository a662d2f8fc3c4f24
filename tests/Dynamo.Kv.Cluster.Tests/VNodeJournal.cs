using Akka;
using Akka.Actor;
using Akka.Persistence;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Cluster.Tests;

/// <summary>
/// Reads a node's vnode journal directly, through the journal's replay protocol: what a vnode of a
/// partition would recover (live keys and their objects), whether or not that vnode runs now.
/// </summary>
internal static class VNodeJournal
{
    /// <summary>Every live key (hex storage key) of <paramref name="partition"/>'s journal in <paramref name="system"/>, with its object bytes.</summary>
    public static async Task<Dictionary<string, byte[]>> LiveObjectsAsync(ActorSystem system, int partition)
    {
        var journal = Akka.Persistence.Persistence.Instance.Apply(system).JournalFor(null);
        var events = await EventReader.Read(system, journal, VNode.PersistenceIdOf(partition), 1, long.MaxValue, TimeSpan.FromSeconds(20));
        var live = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (e is ObjectStored stored) live[Convert.ToHexString(stored.StorageKey)] = stored.Object;
            else if (e is ObjectReaped reaped) live.Remove(Convert.ToHexString(reaped.StorageKey));
        }
        return live;
    }

    /// <summary>Like <see cref="LiveObjectsAsync(ActorSystem, int)"/>, for a node that is gone: its journal opened from its configuration.</summary>
    public static async Task<Dictionary<string, byte[]>> LiveObjectsAsync(Akka.Configuration.Config config, int partition)
    {
        using var system = ActorSystem.Create("journal-reader", config);
        var live = await LiveObjectsAsync(system, partition);
        await system.Terminate();
        return live;
    }

    /// <summary>The object of <paramref name="storageKey"/> in <paramref name="partition"/>'s journal, or null.</summary>
    public static async Task<byte[]?> ObjectAsync(ActorSystem system, int partition, byte[] storageKey) =>
        (await LiveObjectsAsync(system, partition)).GetValueOrDefault(Convert.ToHexString(storageKey));

    /// <summary>
    /// Persists <paramref name="stored"/> as <paramref name="partition"/>'s vnode would, into the journal that
    /// <paramref name="config"/> (a node's full configuration) selects, from an actor system of its own that is
    /// gone when this returns: what a node left behind when it went down.
    /// </summary>
    public static Task WriteAsync(Akka.Configuration.Config config, int partition, ObjectStored stored) =>
        WriteAsync(config, VNode.PersistenceIdOf(partition), stored);

    /// <summary>Persists <paramref name="e"/> under <paramref name="persistenceId"/>, as <see cref="WriteAsync(Akka.Configuration.Config, int, ObjectStored)"/> does.</summary>
    public static async Task WriteAsync(Akka.Configuration.Config config, string persistenceId, object e)
    {
        using var system = ActorSystem.Create("journal-writer", config);
        var writer = system.ActorOf(Props.Create(() => new Writer(persistenceId)));
        await writer.Ask<Done>(e, TimeSpan.FromSeconds(20));
        await system.Terminate();
    }

    private sealed class Writer : ReceivePersistentActor
    {
        public Writer(string persistenceId)
        {
            PersistenceId = persistenceId;
            Command<object>(e =>
            {
                var replyTo = Sender;
                Persist(e, _ => replyTo.Tell(Done.Instance));
            });
        }

        public override string PersistenceId { get; }
    }
}
