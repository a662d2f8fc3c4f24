using System.Text;

namespace Dynamo.Testing;

/// <summary>The <see cref="Checker"/>'s verdict: every violation found, and what was checked.</summary>
/// <param name="Violations">Every violation, by key and node.</param>
/// <param name="KeysChecked">Distinct keys read.</param>
/// <param name="Reads">The final reads checked (keys × nodes).</param>
/// <param name="Acknowledged">Acknowledged puts and deletes in the history.</param>
/// <param name="Unknown">Writes of unknown outcome (pending ones included).</param>
/// <param name="NotWritten">Writes that failed before anything was stored.</param>
/// <param name="UnknownPresent">Puts of unknown outcome whose value some final read showed.</param>
/// <param name="HistorySummary">The history's own counts.</param>
public sealed record CheckVerdict(
    IReadOnlyList<Violation> Violations, int KeysChecked, IReadOnlyList<FinalRead> Reads, int Acknowledged, int Unknown, int NotWritten, int UnknownPresent, string HistorySummary)
{
    /// <summary>How many final reads were checked.</summary>
    public int FinalReads => Reads.Count;

    /// <summary>True when nothing was found wrong.</summary>
    public bool IsValid => Violations.Count == 0;

    /// <summary>A report: the counts, then up to <paramref name="maxViolations"/> violations.</summary>
    public string Describe(int maxViolations = 30)
    {
        var text = new StringBuilder()
            .Append(IsValid ? "valid" : $"{Violations.Count} violations")
            .Append($": {FinalReads} final reads of {KeysChecked} keys; {Acknowledged} acknowledged, {Unknown} unknown ({UnknownPresent} of the puts present), {NotWritten} not written. History: {HistorySummary}");
        foreach (var violation in Violations.Take(maxViolations)) text.AppendLine().Append("  ").Append(violation);
        if (Violations.Count > maxViolations) text.AppendLine().Append($"  … and {Violations.Count - maxViolations} more");
        return text.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Describe();
}
