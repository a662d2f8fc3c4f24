using Akka.Actor;
using Dynamo.Core.Partitioning;
using Dynamo.Kv.Coordination;
using Dynamo.Kv.Hints;

namespace Dynamo.Kv.Routing;

/// <summary>Sloppy quorum: preference lists built from reachability, and the node's hinted handoff.</summary>
public sealed partial class KvRouter
{
    private IActorRef _hintedHandoff = ActorRefs.Nobody;

    // The hinted handoff keeps its hints in the node's journal. It sits behind a backoff supervisor named as the
    // directories expect (KvPaths.HintedHandoff), which forwards to it and starts it again after a journal failure
    // stopped it; the router's stopping strategy never sees it fail.
    private void StartHintedHandoff()
    {
        _hintedHandoff = Context.ActorOf(
            HintedHandoff.SupervisedProps(_node, _directory, _settings.HintedHandoff, ringSource: Self), KvPaths.HintedHandoffName);
        Receive<GetHintStats>(m => _hintedHandoff.Forward(m));
        // A hinted handoff started again asks for the ring it forgot.
        Receive<HintedHandoff.RingWanted>(_ =>
        {
            if (_ring is not null) Sender.Tell(new RingChanged(_ring), Self);
        });
    }

    // This node counts as reachable whatever the directory says: it is the one answering.
    private PreferenceList SloppyPreferenceList(int partition, int n) =>
        PreferenceList.Sloppy(_ring!, partition, n, node => node == _node || _directory.IsReachable(node));

    // An unknown node's replica is addressed to dead letters: it counts as not answering.
    private ReplicaTarget TargetOf(PreferenceListEntry entry) => entry.StandsInFor is { } owner
        ? new ReplicaTarget(entry.Node, entry.Partition, _directory.HintedHandoffOf(entry.Node) ?? Context.System.DeadLetters) { StandsInFor = owner }
        : new ReplicaTarget(entry.Node, entry.Partition, _directory.ReplicaOf(entry.Node, entry.Partition) ?? Context.System.DeadLetters);
}
