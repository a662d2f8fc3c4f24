using System.Collections.Immutable;
using Dynamo.Protocol;
using Dynamo.Server.Node;
using Google.Protobuf;

namespace Dynamo.Server.Tests;

/// <summary>
/// A node whose every request waits until the test opens the gate (or fails with a timeout when
/// told to), announcing each request's arrival, so a test can act while requests are in flight.
/// </summary>
internal sealed class GatedNode(bool timesOut = false) : IDynamoNode
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<IMessage> Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string NodeId => "gated";

    public void Open() => _gate.TrySetResult();

    public async Task<object> SendAsync(IMessage request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Arrived.TrySetResult(request);
        if (timesOut)
        {
            throw new TimeoutException("no answer");
        }
        await _gate.Task.WaitAsync(TimeSpan.FromSeconds(20), cancellationToken);
        return new PutResult { Context = ByteString.CopyFromUtf8("ctx") };
    }

    public Task<ClusterView> GetClusterViewAsync(CancellationToken cancellationToken) => Task.FromResult(new ClusterView(NodeId, NodeId, [new ClusterMemberView(NodeId, NodeId, "Up", true, null, 1)]));

    public Task<RingView> GetRingAsync(CancellationToken cancellationToken) => Task.FromResult(new RingView(1, [NodeId], []));

    public Task<NodeStats> GetStatsAsync(CancellationToken cancellationToken) => Task.FromResult(new NodeStats(NodeId, "none", 1, DateTimeOffset.UnixEpoch));

    public Task<Dynamo.Kv.Coordination.ReadRepairStats> GetReadRepairStatsAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.FromResult(new Dynamo.Kv.Coordination.ReadRepairStats(0, 0));

    public Task<Kv.VNodes.ObjectBufferStats> GetObjectBufferStatsAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.FromResult(new Kv.VNodes.ObjectBufferStats(0, 0, 0, 0));

    public Task<Kv.Hints.HintStats> GetHintStatsAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.FromResult(new Kv.Hints.HintStats(NodeId, 0, 0, 0, System.Collections.Immutable.ImmutableSortedDictionary<string, long>.Empty));

    public Task<Kv.AntiEntropy.AntiEntropyStats> GetAntiEntropyStatsAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.FromResult(new Kv.AntiEntropy.AntiEntropyStats(NodeId, 0, 0, 0, 0, System.Collections.Immutable.ImmutableSortedDictionary<int, DateTimeOffset>.Empty));

    public Task<OperatorResult> JoinAsync(string address, CancellationToken cancellationToken) => Refused();

    public Task<OperatorResult> LeaveAsync(string address, CancellationToken cancellationToken) => Refused();

    public Task<OperatorResult> DownAsync(string address, CancellationToken cancellationToken) => Refused();

    private static Task<OperatorResult> Refused() => Task.FromResult(new OperatorResult(OperatorOutcome.Refused, "gated"));
}
