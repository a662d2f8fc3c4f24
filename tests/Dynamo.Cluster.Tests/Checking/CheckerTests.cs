using System.Text;
using Dynamo.Client;
using Dynamo.Testing;

namespace Dynamo.Cluster.Tests.Checking;

/// <summary>The checker's rules on hand-built histories and final states, one rule per test.</summary>
public sealed class CheckerTests
{
    private const string Key = "k";
    private readonly History _history = new("b");

    [Fact]
    public void Lost_acknowledged_write_is_reported()
    {
        Put("a", from: null, ack: "A1");

        var verdict = Verify(FinalRead.Of(Key, "n1"));

        var violation = Assert.Single(verdict.Violations);
        Assert.Equal(ViolationKind.LostWrite, violation.Kind);
        Assert.Contains("'a'", violation.Detail);
    }

    [Fact]
    public void Write_superseded_by_a_read_modify_write_is_not_flagged()
    {
        Put("a", from: null, ack: "A1");
        Read("R1", "a");
        Put("b", from: "R1", ack: "B1");

        Assert.True(Verify(FinalRead.Of(Key, "n1", "b")).IsValid);
    }

    [Fact]
    public void Write_superseded_through_an_acknowledgement_context_chain_is_not_flagged()
    {
        Put("a", from: null, ack: "A1");
        Put("b", from: "A1", ack: "B1");
        Put("c", from: "B1", ack: "C1");

        Assert.True(Verify(FinalRead.Of(Key, "n1", "c")).IsValid);
    }

    [Fact]
    public void Unknown_outcome_is_tolerated_present_or_absent()
    {
        Put("u", from: null, unknown: true);

        var absent = Verify(FinalRead.Of(Key, "n1"));
        var present = Verify(FinalRead.Of(Key, "n1", "u"));

        Assert.True(absent.IsValid, absent.Describe());
        Assert.True(present.IsValid, present.Describe());
        Assert.Equal(1, present.UnknownPresent);
        Assert.Equal(0, absent.UnknownPresent);
    }

    [Fact]
    public void An_absent_write_of_unknown_outcome_does_not_excuse_the_write_it_would_have_superseded()
    {
        Put("a", from: null, ack: "A1");
        Read("R1", "a");
        Put("b", from: "R1", unknown: true);

        Assert.Equal(ViolationKind.LostWrite, Assert.Single(Verify(FinalRead.Of(Key, "n1")).Violations).Kind);
        Assert.True(Verify(FinalRead.Of(Key, "n1", "b")).IsValid);
    }

    [Fact]
    public void Resurrected_delete_is_detected()
    {
        Put("a", from: null, ack: "A1");
        Read("R1", "a");
        Delete(from: "R1", ack: "D1");

        var resurrected = Verify(FinalRead.Of(Key, "n1", "a"));

        Assert.Equal(ViolationKind.ResurrectedDelete, Assert.Single(resurrected.Violations).Kind);
        Assert.True(Verify(FinalRead.Deleted(Key, "n1")).IsValid);
    }

    [Fact]
    public void A_write_concurrent_with_a_delete_must_survive_it()
    {
        Put("a", from: null, ack: "A1");
        Read("R1", "a");
        Put("b", from: null, ack: "B1");
        Delete(from: "R1", ack: "D1");

        Assert.True(Verify(FinalRead.Of(Key, "n1", "b")).IsValid);
        var lost = Assert.Single(Verify(FinalRead.Deleted(Key, "n1")).Violations);
        Assert.Equal(ViolationKind.LostWrite, lost.Kind);
        Assert.Contains("'b'", lost.Detail);
    }

    [Fact]
    public void Sibling_counts_as_present()
    {
        Put("a", from: null, ack: "A1");
        Put("b", from: null, ack: "B1");

        Assert.True(Verify(FinalRead.Of(Key, "n1", "a", "b")).IsValid);
        var lost = Assert.Single(Verify(FinalRead.Of(Key, "n1", "a")).Violations);
        Assert.Contains("'b'", lost.Detail);
    }

    [Fact]
    public void Value_never_written_or_written_only_by_a_failed_write_is_reported()
    {
        Put("f", from: null, notWritten: true);

        var phantom = Verify(FinalRead.Of(Key, "n1", "zzz"));
        var failed = Verify(FinalRead.Of(Key, "n1", "f"));

        Assert.Equal(ViolationKind.NeverWritten, Assert.Single(phantom.Violations).Kind);
        Assert.Equal(ViolationKind.NeverWritten, Assert.Single(failed.Violations).Kind);
        Assert.True(Verify(FinalRead.Of(Key, "n1")).IsValid);
    }

    [Fact]
    public void Superseded_version_left_beside_its_successor_is_reported()
    {
        Put("a", from: null, ack: "A1");
        Read("R1", "a");
        Put("b", from: "R1", ack: "B1");

        Assert.Equal(ViolationKind.SupersededVersion, Assert.Single(Verify(FinalRead.Of(Key, "n1", "a", "b")).Violations).Kind);
    }

    [Fact]
    public void Every_final_read_is_judged_on_its_own()
    {
        Put("a", from: null, ack: "A1");

        var verdict = Verify(FinalRead.Of(Key, "n1", "a"), FinalRead.Of(Key, "n2"), FinalRead.Failed(Key, "n3", "503"));

        Assert.Equal([("n2", ViolationKind.LostWrite), ("n3", ViolationKind.ReadFailed)],
            verdict.Violations.Select(v => (v.Node, v.Kind)).Order());
        Assert.Equal(3, verdict.FinalReads);
    }

    [Fact]
    public void A_history_refuses_a_value_written_twice_to_one_key()
    {
        Put("a", from: null, ack: "A1");

        var e = Assert.Throws<ArgumentException>(() => _history.BeginPut(Key, "a", null));
        Assert.Contains("distinct value", e.Message);
    }

    [Fact]
    public void A_write_records_one_outcome_only()
    {
        var write = _history.BeginPut(Key, "a", null);
        write.Unknown("timeout");

        Assert.Throws<InvalidOperationException>(() => write.Acknowledge(Context("A1")));
        Assert.Equal(WriteOutcome.Unknown, write.Outcome);
    }

    private CheckVerdict Verify(params FinalRead[] reads) => Checker.Verify(_history, reads);

    private void Put(string value, string? from, string? ack = null, bool unknown = false, bool notWritten = false)
    {
        var write = _history.BeginPut(Key, value, from is null ? null : Context(from));
        Complete(write, ack, unknown, notWritten);
    }

    private void Delete(string from, string? ack = null, bool unknown = false)
    {
        var write = _history.BeginDelete(Key, Context(from));
        Complete(write, ack, unknown, notWritten: false);
    }

    private static void Complete(HistoryWrite write, string? ack, bool unknown, bool notWritten)
    {
        if (ack is not null) write.Acknowledge(Context(ack));
        else if (unknown) write.Unknown("quorum not met; unknown outcome");
        else if (notWritten) write.NotWritten("refused");
    }

    private void Read(string context, params string[] values) =>
        _history.RecordRead(Key, values.Length > 0 ? DynamoObjectStatus.Found : DynamoObjectStatus.NotFound, values, Context(context));

    /// <summary>Contexts are opaque to the checker; any distinct bytes stand for distinct contexts.</summary>
    private static DynamoContext Context(string name) => new(Encoding.UTF8.GetBytes(name));
}
