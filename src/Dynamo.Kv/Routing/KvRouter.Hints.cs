using Akka.Actor;
using Dynamo.Storage;
using Dynamo.Core.Partitioning;
using Dynamo.Kv.Coordination;
using Dynamo.Kv.Hints;

namespace Dynamo.Kv.Routing;

/// <summary>Sloppy quorum: preference lists built from reachability, and the node's hinted handoff.</summary>
public sealed partial class KvRouter
{
    private IActorRef _hintedHandoff = ActorRefs.Nobody;

    private void StartHintedHandoff(IStoragePlugin storage)
    {
        _hintedHandoff = Context.ActorOf(
            HintedHandoff.Props(_node, _directory, storage.Hints, _settings.HintedHandoff), KvPaths.HintedHandoffName);
        Receive<GetHintStats>(m => _hintedHandoff.Forward(m));
    }

    // This node counts as reachable whatever the directory says: it is the one answering.
    private PreferenceList SloppyPreferenceList(int partition, int n) =>
        PreferenceList.Sloppy(_ring!, partition, n, node => node == _node || _directory.IsReachable(node));

    // An unknown node's replica is addressed to dead letters: it counts as not answering.
    private ReplicaTarget TargetOf(PreferenceListEntry entry) => entry.StandsInFor is { } owner
        ? new ReplicaTarget(entry.Node, entry.Partition, _directory.HintedHandoffOf(entry.Node) ?? Context.System.DeadLetters) { StandsInFor = owner }
        : new ReplicaTarget(entry.Node, entry.Partition, _directory.VNodeOf(entry.Node, entry.Partition) ?? Context.System.DeadLetters);
}
