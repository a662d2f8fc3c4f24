using System.Text;
using Dynamo.Client;

namespace Dynamo.Testing;

/// <summary>
/// Judges a <see cref="History"/> against what the final cluster holds: reads every key of the history (from
/// every node given, with a given R) and lists the violations of the rules below. Each final read is judged
/// on its own, so a key that one node reads correctly and another not is reported for that other node.
/// </summary>
/// <remarks>
/// <para><b>Coverage.</b> Contexts are opaque, so what a context covers is learned from where the client got it
/// (<see cref="CausalCoverage"/>): the context returned by acknowledging write X covers X and everything X's
/// issuing context covered; a context returned by a read covers the write of every value that read returned
/// and everything those writes' issuing contexts covered. A write issued from a context covering X was
/// therefore issued by a client that had seen X, directly or through later versions; it supersedes X.</para>
/// <para><b>Present.</b> A put is present in a final read when its value is among the read's siblings
/// (siblings count as present). A tombstone is never a value.</para>
/// <para><b>Superseded.</b> A put X is causally superseded when X is covered by the issuing context of a write
/// that (a) was acknowledged, (b) is a put present in the same final read, or (c) is a delete of unknown
/// outcome (it may have been stored, and a stored tombstone is invisible). A put of unknown outcome that is
/// absent does not supersede anything: it may never have been stored. Writes that failed as not written
/// supersede nothing.</para>
/// <para><b>Violations.</b>
/// <see cref="ViolationKind.LostWrite"/>: an acknowledged put neither present nor superseded.
/// <see cref="ViolationKind.NeverWritten"/>: a present value no put wrote, or only a put that failed as not
/// written (also checked for the values the workload read during the run).
/// <see cref="ViolationKind.ResurrectedDelete"/>: a present value covered by an acknowledged delete's issuing
/// context — the delete removed it and no write after the delete wrote it.
/// <see cref="ViolationKind.SupersededVersion"/>: a present value covered by the issuing context of an
/// acknowledged put or of another present put (a dominated version that should have been dropped).
/// <see cref="ViolationKind.ReadFailed"/>: the final read failed on every attempt.
/// Writes of unknown outcome (and pending ones) may or may not be present; either is accepted.</para>
/// <para>The rules assume the bucket keeps siblings (not last-write-wins) and that the final reads' R meets
/// the writes' W (R + W &gt; N), or that repair ran before the reads.</para>
/// </remarks>
public static class Checker
{
    /// <summary>
    /// Reads every key of <paramref name="history"/> through each of <paramref name="nodes"/> (a name and a
    /// client each) and judges the reads.
    /// </summary>
    public static async Task<CheckVerdict> CheckAsync(History history, IReadOnlyList<(string Name, IDynamoClient Client)> nodes,
        CheckerOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Count == 0) throw new ArgumentException("the checker needs at least one node to read from.", nameof(nodes));
        options ??= new CheckerOptions();
        var keys = history.Keys;
        if (options.RepairFirst)
        {
            foreach (var (name, client) in nodes)
                foreach (var key in keys)
                    await ReadAsync(history.Bucket, key, name, client, options, ct).ConfigureAwait(false);
            await Task.Delay(options.RepairPause, ct).ConfigureAwait(false);
        }
        var finals = new List<FinalRead>();
        foreach (var (name, client) in nodes)
            foreach (var key in keys)
                finals.Add(await ReadAsync(history.Bucket, key, name, client, options, ct).ConfigureAwait(false));
        return Verify(history, finals);
    }

    /// <summary>Reads every key of <paramref name="history"/> from every running node of <paramref name="cluster"/> and judges the reads.</summary>
    public static Task<CheckVerdict> CheckAsync(History history, ProcessCluster cluster, CheckerOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var nodes = cluster.Running.Select(i => ($"node {i}", cluster.Client(i))).ToList();
        return CheckAsync(history, nodes, options, ct);
    }

    /// <summary>Judges <paramref name="finalReads"/> (one or more per key, e.g. one per node) against <paramref name="history"/>.</summary>
    public static CheckVerdict Verify(History history, IEnumerable<FinalRead> finalReads)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(finalReads);
        var reads = finalReads.ToList();
        var writes = history.Writes;
        var violations = new List<Violation>();
        var unknownPresent = new HashSet<long>();

        var writesByKey = writes.ToLookup(w => w.Key);
        var readsByKey = history.Reads.ToLookup(r => r.Key);
        foreach (var key in writesByKey.Select(g => g.Key).Concat(reads.Select(r => r.Key)).Distinct().Order(StringComparer.Ordinal))
        {
            var keyWrites = writesByKey[key].ToList();
            var coverage = new CausalCoverage(keyWrites, readsByKey[key], value => history.WriterOf(key, value));
            CheckRunReads(history, readsByKey[key], violations);
            foreach (var final in reads.Where(r => r.Key == key))
            {
                CheckFinalRead(history, keyWrites, coverage, final, violations, unknownPresent);
            }
        }
        return new CheckVerdict(violations, reads.Select(r => r.Key).Distinct().Count(), reads,
            writes.Count(w => w.Outcome == WriteOutcome.Acknowledged),
            writes.Count(w => w.Outcome is WriteOutcome.Unknown or WriteOutcome.Pending),
            writes.Count(w => w.Outcome == WriteOutcome.NotWritten),
            unknownPresent.Count, history.Summary());
    }

    private static void CheckFinalRead(History history, List<HistoryWrite> keyWrites, CausalCoverage coverage, FinalRead final,
        List<Violation> violations, HashSet<long> unknownPresent)
    {
        var key = final.Key;
        if (final.Error is not null)
        {
            violations.Add(new Violation(ViolationKind.ReadFailed, key, final.Node, final.Error));
            return;
        }
        var present = new List<HistoryWrite>();
        foreach (var value in final.Values)
        {
            var writer = history.WriterOf(key, value);
            if (writer is null)
            {
                violations.Add(new Violation(ViolationKind.NeverWritten, key, final.Node, $"value '{value}' was never written"));
                continue;
            }
            if (writer.Outcome == WriteOutcome.NotWritten)
                violations.Add(new Violation(ViolationKind.NeverWritten, key, final.Node, $"value '{value}' was written only by {writer}", writer));
            if (writer.Outcome is WriteOutcome.Unknown or WriteOutcome.Pending) unknownPresent.Add(writer.Id);
            present.Add(writer);
        }
        var presentIds = present.Select(w => w.Id).ToHashSet();

        // What explains a put's absence: a later write that saw it and took effect, or may have (a delete).
        var superseders = keyWrites.Where(w =>
            w.Outcome == WriteOutcome.Acknowledged
            || presentIds.Contains(w.Id)
            || (w.Kind == WriteKind.Delete && w.Outcome is WriteOutcome.Unknown or WriteOutcome.Pending)).ToList();
        var supersededBy = new Dictionary<long, HistoryWrite>();
        foreach (var superseder in superseders)
            foreach (var covered in coverage.Of(superseder.IssuedFrom))
                supersededBy.TryAdd(covered, superseder);

        foreach (var write in keyWrites.Where(w => w.Kind == WriteKind.Put && w.Outcome == WriteOutcome.Acknowledged))
        {
            if (!presentIds.Contains(write.Id) && !supersededBy.ContainsKey(write.Id))
                violations.Add(new Violation(ViolationKind.LostWrite, key, final.Node,
                    $"{write} is absent and no later write covered it; the read showed {Show(final)}", write));
        }

        foreach (var write in present)
        {
            foreach (var other in keyWrites.Where(o => o.Id != write.Id && (o.Outcome == WriteOutcome.Acknowledged || presentIds.Contains(o.Id))))
            {
                if (!coverage.Of(other.IssuedFrom).Contains(write.Id)) continue;
                var kind = other.Kind == WriteKind.Delete ? ViolationKind.ResurrectedDelete : ViolationKind.SupersededVersion;
                violations.Add(new Violation(kind, key, final.Node, $"{write} is present although {other} covered it; the read showed {Show(final)}", write));
                break;
            }
        }
    }

    /// <summary>Values the workload read while it ran must have been written too.</summary>
    private static void CheckRunReads(History history, IEnumerable<HistoryRead> reads, List<Violation> violations)
    {
        foreach (var read in reads)
        {
            foreach (var value in read.Values)
            {
                var writer = history.WriterOf(read.Key, value);
                var node = $"a read by client {read.Client}" + (read.Node is { } n ? $" via node {n}" : "");
                if (writer is null)
                    violations.Add(new Violation(ViolationKind.NeverWritten, read.Key, node, $"value '{value}' was never written"));
                else if (writer.Outcome == WriteOutcome.NotWritten)
                    violations.Add(new Violation(ViolationKind.NeverWritten, read.Key, node, $"value '{value}' was written only by {writer}", writer));
            }
        }
    }

    private static string Show(FinalRead read) =>
        read.Status switch
        {
            DynamoObjectStatus.Found => "[" + string.Join(", ", read.Values.Select(v => $"'{v}'")) + "]",
            DynamoObjectStatus.Deleted => "a tombstone",
            _ => "nothing",
        };

    private static async Task<FinalRead> ReadAsync(string bucket, string key, string node, IDynamoClient client, CheckerOptions options, CancellationToken ct)
    {
        var errors = new StringBuilder();
        for (var attempt = 1; attempt <= Math.Max(1, options.Attempts); attempt++)
        {
            try
            {
                var result = await client.GetAsync(bucket, key, options.R, ct).ConfigureAwait(false);
                return new FinalRead(key, node, result.Status, result.Siblings.Select(s => Encoding.UTF8.GetString(s.Value.Span)).ToList());
            }
            catch (Exception e) when (e is DynamoException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                errors.Append(errors.Length == 0 ? "" : "; ").Append($"attempt {attempt}: {e.GetType().Name}: {e.Message}");
            }
            await Task.Delay(options.RetryPause, ct).ConfigureAwait(false);
        }
        return FinalRead.Failed(key, node, errors.ToString());
    }
}
