using Dynamo.Client;

namespace Dynamo.Testing;

/// <summary>
/// One put or delete of a <see cref="History"/>: its key, value, the context it was issued from, who issued it
/// where, and its outcome once recorded. Complete it exactly once with <see cref="Acknowledge"/>,
/// <see cref="NotWritten"/> or <see cref="Unknown"/>.
/// </summary>
public sealed class HistoryWrite
{
    private readonly object _gate = new();
    private WriteOutcome _outcome = WriteOutcome.Pending;
    private DynamoContext? _returned;
    private string? _reason;
    private DateTimeOffset? _ended;

    internal HistoryWrite(long id, WriteKind kind, string key, string? value, DynamoContext issuedFrom, int client, int? node, DateTimeOffset started)
    {
        Id = id;
        Kind = kind;
        Key = key;
        Value = value;
        IssuedFrom = issuedFrom;
        Client = client;
        Node = node;
        Started = started;
    }

    /// <summary>Its position in the history (issue order, from 1).</summary>
    public long Id { get; }

    /// <summary>Put or delete.</summary>
    public WriteKind Kind { get; }

    /// <summary>The key written.</summary>
    public string Key { get; }

    /// <summary>The value a put wrote (unique per key); null for a delete.</summary>
    public string? Value { get; }

    /// <summary>The context the write was issued from (empty for a blind put).</summary>
    public DynamoContext IssuedFrom { get; }

    /// <summary>The workload client that issued it.</summary>
    public int Client { get; }

    /// <summary>The node it was sent to, when known.</summary>
    public int? Node { get; }

    /// <summary>When it was issued.</summary>
    public DateTimeOffset Started { get; }

    /// <summary>When its outcome was recorded; null while pending.</summary>
    public DateTimeOffset? Ended { get { lock (_gate) return _ended; } }

    /// <summary>The outcome recorded so far.</summary>
    public WriteOutcome Outcome { get { lock (_gate) return _outcome; } }

    /// <summary>The context the store returned with its acknowledgement; null unless acknowledged.</summary>
    public DynamoContext? Returned { get { lock (_gate) return _returned; } }

    /// <summary>Why it failed, as the client reported it; null unless failed.</summary>
    public string? Reason { get { lock (_gate) return _reason; } }

    /// <summary>Records the store's acknowledgement and the context it returned.</summary>
    public void Acknowledge(DynamoContext returned)
    {
        ArgumentNullException.ThrowIfNull(returned);
        Complete(WriteOutcome.Acknowledged, returned, null);
    }

    /// <summary>Records a failure before anything was stored.</summary>
    public void NotWritten(string reason) => Complete(WriteOutcome.NotWritten, null, reason);

    /// <summary>Records a failure after which the write may or may not have been stored.</summary>
    public void Unknown(string reason) => Complete(WriteOutcome.Unknown, null, reason);

    /// <inheritdoc />
    public override string ToString() =>
        $"#{Id} {(Kind == WriteKind.Put ? $"put '{Value}'" : "delete")} of {Key} by client {Client}"
        + (Node is { } n ? $" via node {n}" : "") + $" from {(IssuedFrom.IsEmpty ? "no context" : "context " + Abbreviate(IssuedFrom))}: {Outcome}"
        + (Reason is { } r ? $" ({r})" : "");

    internal static string Abbreviate(DynamoContext context)
    {
        var text = context.ToBase64Url();
        return text.Length <= 16 ? text : text[..16] + "…";
    }

    private void Complete(WriteOutcome outcome, DynamoContext? returned, string? reason)
    {
        lock (_gate)
        {
            if (_outcome != WriteOutcome.Pending)
                throw new InvalidOperationException($"write #{Id} of {Key} was already recorded as {_outcome}; it cannot also be {outcome}.");
            _outcome = outcome;
            _returned = returned;
            _reason = reason;
            _ended = DateTimeOffset.UtcNow;
        }
    }
}
