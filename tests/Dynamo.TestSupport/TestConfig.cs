using System.Globalization;
using Akka.Configuration;

namespace Dynamo.TestSupport;

/// <summary>The Akka settings every test actor system runs with.</summary>
public static class TestConfig
{
    /// <summary>
    /// Every message is serialized and read back, even between local actors, so a message type without a
    /// serializer binding fails the test that sends it; Akka's test kit waits <see cref="TimeFactor"/> times
    /// longer for expected messages; log events below WARNING are dropped; persistent actors keep their
    /// journal and snapshots in memory unless a test chooses a real store. A journal's replies to its own
    /// resequencer pass by reference (<see cref="ByReferenceSerializer"/>): their JSON form cannot carry every
    /// event (an Akka.DistributedData CRDT, say), and they never leave the actor system.
    /// </summary>
    public static Config Akka { get; } = ConfigurationFactory.ParseString(string.Create(CultureInfo.InvariantCulture, $$"""
        akka.actor.serialize-messages = on
        akka.actor.serialize-creators = off
        akka.test.timefactor = {{TimeFactor.Value}}
        akka.loglevel = WARNING
        akka.log-dead-letters = off
        akka.coordinated-shutdown.exit-clr = off
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        akka.actor {
          serializers.by-reference = "Dynamo.TestSupport.ByReferenceSerializer, Dynamo.TestSupport"
          serialization-identifiers { "Dynamo.TestSupport.ByReferenceSerializer, Dynamo.TestSupport" = 198 }
          serialization-bindings { "Akka.Persistence.Journal.AsyncWriteJournal+Desequenced, Akka.Persistence" = by-reference }
        }
        """));

    /// <summary>
    /// <see cref="Akka"/> for a cluster member started in the test process, without <c>serialize-messages</c>: Akka.Cluster's
    /// own events (<c>MemberUp</c> and the rest) have no serializer binding, so the check round-trips them through the JSON
    /// fallback, which drops a member's up-number; members then disagree about which of them is the oldest, and the
    /// singleton that runs Cluster.Sharding's coordinator never starts. Nothing is lost by it: every message between
    /// members crosses real TCP and is serialized there.
    /// </summary>
    public static Config ClusterMember { get; } = ConfigurationFactory.ParseString("akka.actor.serialize-messages = off").WithFallback(Akka);
}
