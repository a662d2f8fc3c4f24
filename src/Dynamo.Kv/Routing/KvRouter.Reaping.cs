using System.Collections.Immutable;
using Dynamo.Core.Partitioning;
using Dynamo.Kv.Coordination;

namespace Dynamo.Kv.Routing;

/// <summary>Which primaries a delete's tombstone is reaped from.</summary>
public sealed partial class KvRouter
{
    // The primaries come from the ring, not from the replicas a coordinator writes to: with a
    // sloppy quorum those include fallbacks, whose acknowledgements must not allow a reap.
    private TombstoneReap? ReapFor(bool isDelete, int partition, int n)
    {
        if (!isDelete || _settings.TombstoneReapDelay is not { } delay || _ring is null)
        {
            return null;
        }
        var primaries = PreferenceList.ForPartition(_ring, partition, n).Primaries.Select(e => e.Partition).ToImmutableArray();
        return new TombstoneReap(delay, primaries);
    }
}
