using System.Diagnostics.Metrics;
using Akka.Actor;
using Dynamo.Kv.Diagnostics;
using Dynamo.Protocol;
using Dynamo.TestSupport;

namespace Dynamo.Kv.Cluster.Tests;

/// <summary>Replica requests and answers batched between three nodes over loopback TCP, through sharded vnodes.</summary>
public sealed class ReplicaBatchingClusterTests
{
    private const string Bucket = "b";

    [Fact(Timeout = 120_000)]
    public async Task Concurrent_requests_travel_in_batches_both_ways_and_every_one_is_answered_with_its_own_value()
    {
        await using var nodes = await KvNodes.StartAsync(3);
        using var batches = new BatchSizes(nodes.Running.Select(n => n.System));
        var coordinator = nodes.Running[0];

        // Many requests at once, so a host has several for a node before it flushes; rounds until both ways batched.
        for (var round = 0; round < 10 && !(batches.Largest("request") > 1 && batches.Largest("reply") > 1); round++)
        {
            var keys = Enumerable.Range(0, 64).Select(i => $"r{round}-k{i}").ToArray();
            var puts = await Task.WhenAll(keys.Select(k => coordinator.AskAsync(Requests.Put(Bucket, k, k, w: 3), KvNodes.AskTimeout)));
            Assert.All(puts, p => Assert.IsType<PutResult>(p));
            var gets = await Task.WhenAll(keys.Select(k => coordinator.AskAsync(Requests.Get(Bucket, k, r: 3), KvNodes.AskTimeout)));
            Assert.Equal(keys, gets.Select(g => Assert.Single(Requests.Values(Assert.IsType<GetResult>(g)))));
        }

        Assert.True(batches.Largest("request") > 1, $"no batch of requests held more than one: {batches}");
        Assert.True(batches.Largest("reply") > 1, $"no batch of answers held more than one: {batches}");
    }

    // What the nodes' dynamo.replica_batch.size histograms recorded, by kind.
    private sealed class BatchSizes : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<(string Kind, int Size)> _sizes = [];

        public BatchSizes(IEnumerable<ActorSystem> systems)
        {
            var meters = systems.Select(s => KvMetrics.Of(s).Meter).ToHashSet();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (meters.Contains(instrument.Meter) && instrument.Name == KvMetrics.ReplicaBatchSize) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<int>((_, size, tags, _) =>
            {
                foreach (var tag in tags)
                    if (tag.Key == KvMetrics.KindTag)
                        lock (_sizes) _sizes.Add(((string)tag.Value!, size));
            });
            _listener.Start();
        }

        public int Largest(string kind)
        {
            lock (_sizes) return _sizes.Where(s => s.Kind == kind).Select(s => s.Size).DefaultIfEmpty().Max();
        }

        public override string ToString()
        {
            lock (_sizes) return string.Join(", ", _sizes.GroupBy(s => s.Kind).Select(g => $"{g.Key}: {g.Count()} sent, largest {g.Max(s => s.Size)}"));
        }

        public void Dispose() => _listener.Dispose();
    }
}
