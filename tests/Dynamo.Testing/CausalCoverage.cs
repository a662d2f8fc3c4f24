using Dynamo.Client;

namespace Dynamo.Testing;

/// <summary>
/// Which writes of one key each context is known to cover, learned only from where the workload obtained the
/// context (contexts are opaque): the acknowledgement of write X returns a context covering X and all its
/// issuing context covered; a read that returned values v1..vk returns a context covering each vi's write and
/// all that write's issuing context covered. A context obtained several ways covers the union.
/// </summary>
internal sealed class CausalCoverage
{
    private readonly Dictionary<DynamoContext, List<Func<HashSet<long>>>> _sources = [];
    private readonly Dictionary<DynamoContext, HashSet<long>> _memo = [];
    private readonly HashSet<DynamoContext> _inProgress = [];

    public CausalCoverage(IEnumerable<HistoryWrite> writes, IEnumerable<HistoryRead> reads, Func<string, HistoryWrite?> writerOf)
    {
        foreach (var write in writes)
        {
            if (write.Returned is { IsEmpty: false } returned)
            {
                var w = write;
                Add(returned, () => [w.Id, .. Of(w.IssuedFrom)]);
            }
        }
        foreach (var read in reads)
        {
            if (read.Context.IsEmpty) continue;
            var writers = read.Values.Select(writerOf).OfType<HistoryWrite>().ToList();
            Add(read.Context, () =>
            {
                var covered = new HashSet<long>();
                foreach (var w in writers)
                {
                    covered.Add(w.Id);
                    covered.UnionWith(Of(w.IssuedFrom));
                }
                return covered;
            });
        }
    }

    /// <summary>The ids of the writes <paramref name="context"/> is known to cover (none for an empty or unseen context).</summary>
    public IReadOnlySet<long> Of(DynamoContext context)
    {
        if (context.IsEmpty || !_sources.TryGetValue(context, out var sources)) return new HashSet<long>();
        if (_memo.TryGetValue(context, out var known)) return known;
        // A context cannot cover the write it came from before that write existed; a cycle would mean a
        // hand-built history reused a context, so it contributes nothing rather than recursing forever.
        if (!_inProgress.Add(context)) return new HashSet<long>();
        var covered = new HashSet<long>();
        foreach (var source in sources) covered.UnionWith(source());
        _inProgress.Remove(context);
        _memo[context] = covered;
        return covered;
    }

    private void Add(DynamoContext context, Func<HashSet<long>> source)
    {
        if (!_sources.TryGetValue(context, out var list)) _sources[context] = list = [];
        list.Add(source);
    }
}
