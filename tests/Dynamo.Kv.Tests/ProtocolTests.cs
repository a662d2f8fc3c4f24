using Dynamo.Protocol;
using Google.Protobuf;

namespace Dynamo.Kv.Tests;

/// <summary>The client contracts survive the wire, including the difference between an absent and a given quorum.</summary>
public sealed class ProtocolTests
{
    [Fact]
    public void Absent_quorum_stays_absent_after_a_round_trip()
    {
        var put = Put.Parser.ParseFrom(Requests.Put("b", "k", "v").ToByteArray());
        var get = Get.Parser.ParseFrom(Requests.Get("b", "k", r: 3).ToByteArray());

        Assert.False(put.HasW);
        Assert.True(get.HasR);
        Assert.Equal(3u, get.R);
    }

    [Fact]
    public void Failure_round_trips_with_its_reason()
    {
        var failure = new KvFailure
        {
            Message = "put: 2 of 3 needed replicas answered",
            QuorumNotMet = new QuorumNotMet { Answered = 2, Needed = 3, OutcomeUnknown = true },
        };

        var parsed = KvFailure.Parser.ParseFrom(failure.ToByteArray());

        Assert.Equal(KvFailure.ReasonOneofCase.QuorumNotMet, parsed.ReasonCase);
        Assert.Equal(failure, parsed);
    }
}
