using System.Net;
using System.Text;
using System.Text.Json;
using Dynamo.Client;
using Dynamo.Testing;
using Dynamo.TestSupport;

namespace Dynamo.Cluster.Tests.Faults;

/// <summary>
/// A write that missed its quorum after a replica stored it is reported as an unknown outcome, through the
/// HTTP API and the client; one that failed before anything was stored is reported as not written.
/// </summary>
[Collection(NodeProcessesCollection.Name)]
public sealed class UnknownOutcomeTests
{
    private const string Bucket = "outcomes";

    [Fact]
    public async Task A_write_refused_before_storing_is_not_written_and_one_missing_its_quorum_after_storing_is_an_unknown_outcome()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var ct = timeout.Token;
        await using var cluster = await ProcessCluster.StartAsync(3, ct: ct);
        var history = new History(Bucket);

        // Four replicas wanted, three nodes: the preference list is one short before anything is stored.
        await cluster.Client(0).SetBucketPropsAsync("wide", new DynamoBucketProps(4, 2, 4, DynamoConflictMode.Siblings), ct);
        var refused = await Assert.ThrowsAsync<DynamoQuorumException>(() =>
            cluster.Client(0).PutAsync("wide", "k", "never"u8.ToArray(), "text/plain", ct: ct));
        Assert.False(refused.OutcomeUnknown, refused.Message);
        Assert.Equal(0, refused.Answered);
        Assert.True((await cluster.Client(1).GetAsync("wide", "k", r: 3, ct: ct)).NotFound, "the refused write was read back");

        // Keys with a replica on node 2 whichever way the ring fell: one node may hold two of a key's three replicas.
        var owners = (await new DynamoAdminClient(cluster[0].Http, cluster[0].Http.BaseAddress!).GetRingAsync(ct)).Partitions.Select(p => p.Owner).ToArray();
        var key = SpreadKeys.OnDistinctNodes(owners, Bucket, "k", 3);
        var raw = SpreadKeys.OnDistinctNodes(owners, Bucket, "raw", 3);

        cluster.Kill(2);

        // Both writes start before the failure detector marks node 2 unreachable (after that, sloppy quorum
        // would refuse them up front as not written): each is stored by the two live replicas, then misses W=3.
        var write = history.BeginPut(key, "v1", null, node: 0);
        var overClient = Assert.ThrowsAsync<DynamoQuorumException>(() =>
            cluster.Client(0).PutAsync(Bucket, key, "v1"u8.ToArray(), "text/plain", w: 3, ct: ct));

        // Over HTTP: 503 with a JSON body that says the outcome is unknown.
        using (var request = new HttpRequestMessage(HttpMethod.Put, $"buckets/{Bucket}/keys/{raw}?w=3") { Content = new StringContent("v-raw", Encoding.UTF8, "text/plain") })
        using (var response = await cluster[0].Http.SendAsync(request, ct))
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {body}");
            using var json = JsonDocument.Parse(body);
            Assert.True(json.RootElement.GetProperty("outcomeUnknown").GetBoolean(), body);
            Assert.Contains("unknown outcome", json.RootElement.GetProperty("error").GetString());
        }

        // Through the client: the exception says so, and the history records the write as may-exist.
        var failure = await overClient;
        Assert.True(failure.OutcomeUnknown, failure.Message);
        Assert.Equal(3, failure.Needed);
        write.Unknown(failure.Message);

        // The two live replicas stored it, so it is readable now; the checker accepts it either way.
        var read = await cluster.Client(1).GetAsync(Bucket, key, r: 2, ct: ct);
        Assert.Equal(["v1"], read.Siblings.Select(s => Encoding.UTF8.GetString(s.Value.Span)));
        var verdict = await Checker.CheckAsync(history, cluster, new CheckerOptions { R = 2 }, ct);
        Assert.True(verdict.IsValid, verdict.Describe());
        Assert.Equal(1, verdict.UnknownPresent);
    }
}
