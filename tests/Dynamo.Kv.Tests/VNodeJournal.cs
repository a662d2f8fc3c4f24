using Akka;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.TestKit;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Tests;

/// <summary>
/// A vnode's journal seen from a test: Akka.Persistence.TestKit's journal and snapshot store (in memory, with
/// interceptors that pass, fail, reject or hold writes), what a partition's journal holds, read through the
/// journal's replay protocol, and events written as the vnode would have, before it starts.
/// </summary>
internal static class VNodeJournal
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Selects the test kit's journal and snapshot store; put it in front of <see cref="KvTestConfig.Local"/>. The
    /// journal's interceptor messages, like its replies on their way through its resequencer, go by reference
    /// (<see cref="Dynamo.TestSupport.ByReferenceSerializer"/>, bound in <see cref="Dynamo.TestSupport.TestConfig.Akka"/>).
    /// </summary>
    public static Config TestPlugins { get; } = ConfigurationFactory.ParseString("""
        akka.persistence.journal {
          plugin = "akka.persistence.journal.test"
          test {
            class = "Akka.Persistence.TestKit.TestJournal, Akka.Persistence.TestKit"
            plugin-dispatcher = "akka.actor.default-dispatcher"
          }
        }
        # The interceptors carry live objects (a gate the test opens later, a predicate) that no serializer can write.
        akka.actor.serialization-bindings {
          "Akka.Persistence.TestKit.TestJournal+UseWriteInterceptor, Akka.Persistence.TestKit" = by-reference
          "Akka.Persistence.TestKit.TestJournal+UseRecoveryInterceptor, Akka.Persistence.TestKit" = by-reference
        }
        akka.persistence.snapshot-store {
          plugin = "akka.persistence.snapshot-store.test"
          test {
            class = "Akka.Persistence.TestKit.TestSnapshotStore, Akka.Persistence.TestKit"
            plugin-dispatcher = "akka.actor.default-dispatcher"
          }
        }
        """);

    /// <summary>The test journal of <paramref name="system"/>, which must run on <see cref="TestPlugins"/>.</summary>
    public static ITestJournal Of(ActorSystem system) => TestJournal.FromRef(Akka.Persistence.Persistence.Instance.Apply(system).JournalFor(null));

    /// <summary>Every event <paramref name="partition"/>'s journal holds, in order.</summary>
    public static async Task<IReadOnlyList<object>> EventsAsync(ActorSystem system, int partition)
    {
        var journal = Akka.Persistence.Persistence.Instance.Apply(system).JournalFor(null);
        return await EventReader.Read(system, journal, VNode.PersistenceIdOf(partition), 1, long.MaxValue, Wait);
    }

    /// <summary>Every live key (hex storage key) of <paramref name="partition"/>'s journal, with its latest object bytes.</summary>
    public static async Task<Dictionary<string, byte[]>> LiveObjectsAsync(ActorSystem system, int partition)
    {
        var live = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var e in await EventsAsync(system, partition))
        {
            if (e is ObjectStored stored) live[Convert.ToHexString(stored.StorageKey)] = stored.Object;
            else if (e is ObjectReaped reaped) live.Remove(Convert.ToHexString(reaped.StorageKey));
        }
        return live;
    }

    /// <summary>The leases <paramref name="partition"/>'s journal holds, oldest first.</summary>
    public static async Task<IReadOnlyList<VNodeEpoch>> LeasesAsync(ActorSystem system, int partition) =>
        [.. (await EventsAsync(system, partition)).OfType<EpochLeased>().Select(e => e.Lease)];

    /// <summary>
    /// Persists <paramref name="events"/> under <paramref name="partition"/>'s persistence id, as its vnode would, from
    /// an actor that is stopped when this returns: no vnode of the partition may run meanwhile.
    /// </summary>
    public static async Task WriteAsync(ActorSystem system, int partition, params object[] events)
    {
        var writer = system.ActorOf(Props.Create(() => new Writer(VNode.PersistenceIdOf(partition))));
        await writer.Ask<Done>(new Write(events), Wait);
        await writer.GracefulStop(Wait);
    }

    private sealed record Write(object[] Events) : INoSerializationVerificationNeeded;

    private sealed class Writer : ReceivePersistentActor
    {
        public Writer(string persistenceId)
        {
            PersistenceId = persistenceId;
            Recover<object>(_ => { });
            Command<Write>(w =>
            {
                var replyTo = Sender;
                var left = w.Events.Length;
                PersistAll(w.Events, _ =>
                {
                    if (--left == 0) replyTo.Tell(Done.Instance);
                });
            });
        }

        public override string PersistenceId { get; }
    }
}
