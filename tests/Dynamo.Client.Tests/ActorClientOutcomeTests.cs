using Akka.Actor;
using Akka.Configuration;
using Dynamo.TestSupport;

namespace Dynamo.Client.Tests;

/// <summary>
/// What the actor client reports when no answer comes, on either path (ClusterClient from a client-only system, or a
/// member's proxy): a write's outcome is unknown, a read timed out; and which actor systems it refuses.
/// </summary>
public sealed class ActorClientOutcomeTests : IAsyncLifetime
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(500);

    private ActorSystem _system = null!;

    public Task InitializeAsync()
    {
        _system = DynamoActorClient.CreateSystem("no-answer", ConfigurationFactory.ParseString("akka.loglevel = OFF").WithFallback(TestConfig.Akka));
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));

    // A cluster member on loopback that joins no cluster: enough for a client through a proxy on it.
    internal static ActorSystem StartMember() => ActorSystem.Create("member", ConfigurationFactory.ParseString("""
        akka.loglevel = OFF
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
        """).WithFallback(TestConfig.ClusterMember));

    // A contact on a free port: ClusterClient never connects, so every request waits in its buffer until the ask times out.
    private DynamoActorClient Unanswered() => new(_system, $"akka.tcp://dynamo@127.0.0.1:{FreePorts.One()}", ShortTimeout);

    [Fact]
    public async Task A_write_nobody_answers_reports_an_unknown_outcome()
    {
        using var client = Unanswered();

        var put = await Assert.ThrowsAsync<DynamoOutcomeUnknownException>(() => client.PutAsync("b", "k", "v"u8.ToArray(), "text/plain"));
        var delete = await Assert.ThrowsAsync<DynamoOutcomeUnknownException>(() => client.DeleteAsync("b", "k", DynamoContext.Empty));
        var props = await Assert.ThrowsAsync<DynamoOutcomeUnknownException>(
            () => client.SetBucketPropsAsync("b", new DynamoBucketProps(3, 2, 2, DynamoConflictMode.Siblings)));

        Assert.All(new DynamoException[] { put, delete, props }, failure =>
        {
            Assert.True(failure.OutcomeUnknown);
            Assert.Contains("unknown outcome", failure.Message);
            Assert.Contains("500 ms", failure.Message);
        });
    }

    [Fact]
    public async Task A_read_nobody_answers_is_a_timeout_with_a_known_outcome()
    {
        using var client = Unanswered();

        var failure = await Assert.ThrowsAsync<DynamoRequestException>(() => client.GetAsync("b", "k"));

        Assert.Equal(503, failure.StatusCode);
        Assert.False(failure.OutcomeUnknown);
        Assert.DoesNotContain("unknown outcome", failure.Message);
    }

    [Fact]
    public async Task A_member_whose_proxy_never_answers_gets_the_same_typed_failures()
    {
        var member = StartMember();
        try
        {
            // An actor that handles nothing, so no reply ever comes.
            using var client = DynamoActorClient.ForMember(member, member.ActorOf(Props.Empty, "silent"), ShortTimeout);

            var put = await Assert.ThrowsAsync<DynamoOutcomeUnknownException>(() => client.PutAsync("b", "k", "v"u8.ToArray(), "text/plain"));
            var get = await Assert.ThrowsAsync<DynamoRequestException>(() => client.GetAsync("b", "k"));

            Assert.True(put.OutcomeUnknown);
            Assert.Equal((503, false), (get.StatusCode, get.OutcomeUnknown));
        }
        finally
        {
            await member.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public async Task A_reply_that_comes_after_its_request_timed_out_never_answers_the_next_request()
    {
        var member = StartMember();
        try
        {
            using var client = DynamoActorClient.ForMember(member, member.ActorOf(Props.Create<LateProxy>(), "late"), ShortTimeout);

            var first = await Assert.ThrowsAsync<DynamoRequestException>(() => client.GetAsync("b", "first"));
            var second = await client.GetAsync("b", "second");

            Assert.Equal(503, first.StatusCode);
            // The proxy answered the first request (found) just before the second (not found), while the second waited.
            Assert.False(second.Found);
        }
        finally
        {
            await member.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>
    /// Holds the first request unanswered; on the second, answers the first as found, then the second as not found,
    /// each under its own request's id.
    /// </summary>
    private sealed class LateProxy : ReceiveActor
    {
        private (IActorRef Client, ulong Id)? _first;

        public LateProxy() => Receive<Dynamo.Protocol.RequestBatch>(batch =>
        {
            var id = Assert.Single(batch.Requests).Id;
            if (_first is not { } first)
            {
                _first = (Sender, id);
                return;
            }
            first.Client.Tell(Result(first.Id, Dynamo.Protocol.ObjectStatus.Found), Self);
            Sender.Tell(Result(id, Dynamo.Protocol.ObjectStatus.NotFound), Self);
        });

        private static Dynamo.Protocol.ResultBatch Result(ulong id, Dynamo.Protocol.ObjectStatus status) =>
            new() { Results = { new Dynamo.Protocol.BatchedResult { Id = id, Get = new Dynamo.Protocol.GetResult { Status = status } } } };
    }

    [Fact]
    public void A_system_that_is_no_member_cannot_use_the_member_client()
    {
        var error = Assert.Throws<ArgumentException>(() => DynamoActorClient.ForMember(_system, _system.DeadLetters));

        Assert.Contains("no cluster member", error.Message);
    }

    [Fact]
    public async Task A_system_without_cluster_clients_serializers_is_refused()
    {
        var bare = ActorSystem.Create("bare", ConfigurationFactory.ParseString("""
            akka.loglevel = OFF
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
            """));
        try
        {
            var error = Assert.Throws<ArgumentException>(() => new DynamoActorClient(bare, "akka.tcp://dynamo@127.0.0.1:4053"));

            Assert.Contains("ClientConfig", error.Message);
        }
        finally
        {
            await bare.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public void A_client_needs_at_least_one_contact()
    {
        var error = Assert.Throws<ArgumentException>(() => new DynamoActorClient(_system, Array.Empty<string>()));

        Assert.Contains("first contact", error.Message);
    }
}
