using System.Net;
using Dynamo.Protocol;
using Dynamo.Server.Http;
using Dynamo.Server.Node;
using Google.Protobuf;

namespace Dynamo.Server.Tests;

/// <summary>How <c>PUT /buckets/B/props</c> answers when the cluster did not confirm the properties: a write of unknown outcome.</summary>
public sealed class BucketPropsOutcomeTests
{
    [Fact(Timeout = 30_000)]
    public async Task Props_a_majority_did_not_confirm_are_503_with_an_unknown_outcome()
    {
        var failure = new KvFailure
        {
            Message = "bucket 'b': setting its properties through node n1 was not confirmed by a majority of the members within 5000 ms",
            QuorumNotMet = new QuorumNotMet { Answered = 1, Needed = 2, OutcomeUnknown = true },
        };
        await using var server = await TestServer.ServeAsync(new PropsNode(failure));

        using var response = await server.Client.SendAsync(Api.Json(HttpMethod.Put, "/buckets/b/props", "{\"r\": 1}"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var error = await Api.JsonOf(response);
        Assert.True(error.GetProperty("outcomeUnknown").GetBoolean());
        Assert.Contains(KvReplies.UnknownOutcome, error.GetProperty("error").GetString());
        Assert.Contains("not confirmed by a majority", error.GetProperty("detail").GetString());
    }

    [Fact(Timeout = 30_000)]
    public async Task Props_the_node_does_not_answer_in_time_are_503_with_an_unknown_outcome()
    {
        await using var server = await TestServer.ServeAsync(new PropsNode(answer: null));

        using var response = await server.Client.SendAsync(Api.Json(HttpMethod.Put, "/buckets/b/props", "{\"r\": 1}"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True((await Api.JsonOf(response)).GetProperty("outcomeUnknown").GetBoolean());
    }

    // Answers reads of bucket properties with the defaults and a set with answer, or with no answer in time when it is null.
    private sealed class PropsNode(KvFailure? answer) : IDynamoNode
    {
        private readonly GatedNode _rest = new();

        public string NodeId => _rest.NodeId;

        public Task<object> SendAsync(IMessage request, TimeSpan timeout, CancellationToken cancellationToken) => request switch
        {
            GetBucketProps get => Task.FromResult<object>(new BucketPropsResult { Bucket = get.Bucket, Props = new BucketProps { N = 3, R = 2, W = 2 } }),
            SetBucketProps when answer is not null => Task.FromResult<object>(answer),
            SetBucketProps => Task.FromException<object>(new TimeoutException("no answer")),
            _ => throw new InvalidOperationException($"unexpected {request.GetType().Name}"),
        };

        public Task<ClusterView> GetClusterViewAsync(CancellationToken cancellationToken) => _rest.GetClusterViewAsync(cancellationToken);

        public Task<RingView> GetRingAsync(CancellationToken cancellationToken) => _rest.GetRingAsync(cancellationToken);

        public Task<NodeStats> GetStatsAsync(CancellationToken cancellationToken) => _rest.GetStatsAsync(cancellationToken);

        public Task<Kv.Coordination.ReadRepairStats> GetReadRepairStatsAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
            _rest.GetReadRepairStatsAsync(timeout, cancellationToken);

        public Task<Kv.VNodes.ObjectBufferStats> GetObjectBufferStatsAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
            _rest.GetObjectBufferStatsAsync(timeout, cancellationToken);

        public Task<Kv.Hints.HintStats> GetHintStatsAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
            _rest.GetHintStatsAsync(timeout, cancellationToken);

        public Task<Kv.AntiEntropy.AntiEntropyStats> GetAntiEntropyStatsAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
            _rest.GetAntiEntropyStatsAsync(timeout, cancellationToken);

        public Task<OperatorResult> JoinAsync(string address, CancellationToken cancellationToken) => _rest.JoinAsync(address, cancellationToken);

        public Task<OperatorResult> LeaveAsync(string address, CancellationToken cancellationToken) => _rest.LeaveAsync(address, cancellationToken);

        public Task<OperatorResult> DownAsync(string address, CancellationToken cancellationToken) => _rest.DownAsync(address, cancellationToken);
    }
}
