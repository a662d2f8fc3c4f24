using System.Net.Sockets;
using Dynamo.Client;
using Dynamo.Testing;

namespace Dynamo.Cluster.Tests.Checking;

/// <summary>How the recorded load files a failed write: not written only on the store's word.</summary>
public sealed class FailureClassificationTests
{
    [Fact]
    public void A_quorum_refused_before_storing_is_not_written()
    {
        var (notWritten, _) = WriteLoad.Classify(new DynamoQuorumException(0, 2, outcomeUnknown: false, "only one replica reachable"));

        Assert.True(notWritten);
    }

    [Fact]
    public void A_quorum_missed_after_storing_is_unknown()
    {
        var (notWritten, _) = WriteLoad.Classify(new DynamoQuorumException(1, 2, outcomeUnknown: true, "one replica answered"));

        Assert.False(notWritten);
    }

    [Fact]
    public void A_refused_connection_is_unknown_because_it_may_refuse_a_resend_of_a_request_the_node_took()
    {
        var refused = new HttpRequestException("Connection refused (127.0.0.1:1)", new SocketException((int)SocketError.ConnectionRefused));

        var (notWritten, reason) = WriteLoad.Classify(refused);

        Assert.False(notWritten);
        Assert.Contains("connection refused", reason);
    }
}
