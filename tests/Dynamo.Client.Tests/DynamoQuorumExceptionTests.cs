namespace Dynamo.Client.Tests;

/// <summary>The quorum exception's message, which callers log and read to decide whether to retry a write.</summary>
public sealed class DynamoQuorumExceptionTests
{
    [Fact]
    public void A_write_that_may_have_been_stored_says_unknown_outcome()
    {
        var failure = new DynamoQuorumException(1, 2, outcomeUnknown: true, "put b/k");

        Assert.Contains("unknown outcome", failure.Message);
        Assert.Contains("1 of 2", failure.Message);
        Assert.Contains("put b/k", failure.Message);
    }

    [Fact]
    public void A_failure_with_a_known_outcome_does_not_say_unknown_outcome()
    {
        var failure = new DynamoQuorumException(0, 2, outcomeUnknown: false, "");

        Assert.DoesNotContain("unknown outcome", failure.Message);
    }
}
