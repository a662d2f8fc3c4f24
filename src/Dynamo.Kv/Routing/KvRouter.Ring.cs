using Dynamo.Protocol;

namespace Dynamo.Kv.Routing;

/// <summary>
/// The ring as this node sees it, for clients that coordinate by it (the paper's client-driven coordination, section
/// 6.4): a client polls a node for its ring now and then and sends each request straight to a node of the key's
/// preference list, sparing the hop through a node that would forward it. The answer carries every bucket's n, so that
/// the client knows which nodes are on a key's list, and which node answered, so that a client asking through its
/// contact member learns which member that is.
/// </summary>
public sealed partial class KvRouter
{
    private void ReceiveGetRing() => Receive<GetRing>(_ => Sender.Tell(RingResultOf(_ring), Self));

    // Owners without an address a client could reach (nodes in one process) leave the answer empty: a partial ring
    // would send their keys elsewhere, where they would be forwarded anyway.
    private RingResult RingResultOf(Core.Partitioning.Ring? ring)
    {
        var result = new RingResult();
        if (ring is null) return result;
        var indexOf = new Dictionary<string, uint>(StringComparer.Ordinal);
        foreach (var owner in ring.Owners)
        {
            if (!indexOf.TryGetValue(owner, out var index))
            {
                if (_directory.AddressOf(owner) is not { } address) return new RingResult();
                index = (uint)result.Nodes.Count;
                indexOf.Add(owner, index);
                result.Nodes.Add(new RingNode { Address = address.ToString(), Reachable = owner == _node || _directory.IsReachable(owner) });
            }
            result.Owners.Add(index);
        }
        if (indexOf.TryGetValue(_node, out var self)) result.AnsweredBy = self;
        result.DefaultN = (uint)_buckets.Defaults.N;
        foreach (var (bucket, props) in _buckets.Buckets)
        {
            if (props.N != _buckets.Defaults.N) result.BucketN[bucket] = (uint)props.N;
        }
        return result;
    }
}
