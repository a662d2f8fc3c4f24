using Dynamo.Actors.Remote.Events;
using Dynamo.Actors.Remote.Transport;
using Dynamo.Actors.Remote.Wire;

namespace Dynamo.Actors.Remote.Endpoints;

/// <summary>
/// Everything this system knows about one remote address: the single active association (whoever opened it),
/// the envelopes waiting for one, the last incarnation seen, and the reconnect loop with its backoff.
/// Sequence numbers and envelope order are kept here, not per connection, so a reconnect never reorders.
/// </summary>
internal sealed class Endpoint(Remoting owner, Address remote)
{
    private readonly object _gate = new();
    private readonly Queue<byte[]> _pending = new();
    private ProtocolHandle? _active;
    private ProtocolHandle? _outbound;
    private CancellationTokenSource? _attempt;
    private bool _connecting;
    private bool _attemptInFlight;
    private ulong _nextSequenceNumber;
    private ulong? _knownUid;
    private int _failures;

    public Address Remote => remote;

    /// <summary>The uid of the incarnation currently associated, if any.</summary>
    public ulong? AssociatedUid
    {
        get { lock (_gate) return _active?.RemoteUid; }
    }

    public ProtocolHandle? Active
    {
        get { lock (_gate) return _active; }
    }

    /// <summary>Assigns the next sequence number and writes (or queues) the envelope, both under one lock so order is kept.</summary>
    public bool Send(string recipientPath, string? senderPath, int serializerId, string manifest, byte[] message)
    {
        bool startLoop = false;
        // The envelope is encoded before the lock with the number it will most likely get: every actor
        // sending to this address queues on the lock, so it should cover the number and the queueing only.
        ulong guess = Volatile.Read(ref _nextSequenceNumber) + 1;
        var frame = EnvelopeEncoder.Encode(recipientPath, senderPath, guess, serializerId, manifest, message, out int sequenceNumberAt);
        lock (_gate)
        {
            ulong sequenceNumber = ++_nextSequenceNumber;
            if (sequenceNumber != guess && !EnvelopeEncoder.TryRewriteSequenceNumber(frame, sequenceNumberAt, guess, sequenceNumber))
                frame = EnvelopeEncoder.Encode(recipientPath, senderPath, sequenceNumber, serializerId, manifest, message);
            if (frame.Length > owner.Settings.MaximumFrameSize)
            {
                _nextSequenceNumber--;
                throw new ArgumentException($"Envelope for {recipientPath} is {frame.Length} bytes, above the maximum frame size {owner.Settings.MaximumFrameSize} (dynamo.remote.maximum-frame-size).");
            }
            if (_active is not null)
            {
                if (_active.Write(frame)) return true;
                if (_active.Association.IsOpen)
                {
                    owner.Log(RemoteLogLevel.Warning, $"Dropped envelope for {recipientPath}: the send buffer of the association with {remote} is full.");
                    return false;
                }
                // The connection just died and Detach has not run yet: keep the envelope for the reconnect Detach will start.
            }
            if (_pending.Count >= owner.Settings.SendBufferLimit)
            {
                owner.Log(RemoteLogLevel.Warning, $"Dropped envelope for {recipientPath}: {_pending.Count} envelopes already wait for an association with {remote}.");
                return false;
            }
            _pending.Enqueue(frame);
            if (_active is null && !_connecting) startLoop = _connecting = true;
        }
        if (startLoop) _ = Task.Run(ConnectLoopAsync);
        return true;
    }

    /// <summary>
    /// Decides on an inbound association that passed the handshake. When both systems connected at once, the
    /// connection opened by the lower address wins on both sides, so exactly one survives.
    /// </summary>
    public bool TryAcceptInbound(ProtocolHandle handle, ulong uid, byte[] ack, List<AssociationEvent> events)
    {
        ProtocolHandle? replaced;
        lock (_gate)
        {
            if (_attemptInFlight && _active is null && owner.LocalAddress.CompareTo(remote) < 0) return false;
            if (!handle.Write(ack)) return false;
            _attempt?.Cancel();
            _outbound?.Association.Abort("superseded by the inbound association from the same system");
            _outbound = null;
            replaced = Attach(handle, uid, events);
        }
        replaced?.Disassociate("superseded by a newer association with the same system");
        return true;
    }

    /// <summary>An outbound association finished its handshake.</summary>
    public bool TryAttachOutbound(ProtocolHandle handle, ulong uid, List<AssociationEvent> events)
    {
        ProtocolHandle? replaced;
        lock (_gate)
        {
            if (_outbound != handle) return false;
            _outbound = null;
            replaced = Attach(handle, uid, events);
        }
        replaced?.Disassociate("superseded by a newer association with the same system");
        return true;
    }

    /// <summary>The association of <paramref name="handle"/> ended; forgets it if it was the active one.</summary>
    public void Detach(ProtocolHandle handle, string reason)
    {
        bool restart = false;
        lock (_gate)
        {
            if (_outbound == handle) _outbound = null;
            if (_active != handle) return;
            _active = null;
            if (_pending.Count > 0 && !_connecting) restart = _connecting = true;
        }
        owner.Publish(new AssociationLost(remote, handle.RemoteUid, reason));
        if (restart) _ = Task.Run(ConnectLoopAsync);
    }

    /// <summary>Closes the active association if it belongs to the quarantined incarnation.</summary>
    public void Quarantined(ulong uid)
    {
        var active = Active;
        if (active is not null && active.RemoteUid == uid) active.Disassociate($"incarnation {uid} is quarantined");
    }

    private ProtocolHandle? Attach(ProtocolHandle handle, ulong uid, List<AssociationEvent> events)
    {
        var replaced = _active;
        _active = handle;
        _failures = 0;
        if (_knownUid is { } old && old != uid) events.Add(new IncarnationChanged(remote, old, uid));
        _knownUid = uid;
        events.Add(new AssociationEstablished(remote, uid, handle.Association.IsInbound));
        while (_pending.TryDequeue(out var frame))
        {
            if (!handle.Write(frame))
            {
                owner.Log(RemoteLogLevel.Warning, $"Dropped {_pending.Count + 1} queued envelopes for {remote}: the new association refused them.");
                _pending.Clear();
            }
        }
        return replaced;
    }

    private async Task ConnectLoopAsync()
    {
        var shutdown = owner.ShutdownToken;
        while (true)
        {
            TimeSpan delay;
            CancellationTokenSource attempt;
            lock (_gate)
            {
                if (_active is not null || _pending.Count == 0 || shutdown.IsCancellationRequested)
                {
                    _connecting = false;
                    return;
                }
                delay = _failures == 0 ? TimeSpan.Zero : Backoff(_failures);
                _attempt = attempt = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
            }
            string? failure;
            try
            {
                if (delay > TimeSpan.Zero) await Task.Delay(delay, owner.Time, attempt.Token).ConfigureAwait(false);
                lock (_gate) _attemptInFlight = true;
                failure = await AttemptAsync(attempt.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                failure = null;
            }
            finally
            {
                lock (_gate)
                {
                    _attemptInFlight = false;
                    if (_attempt == attempt) _attempt = null;
                }
                attempt.Dispose();
            }
            if (failure is null) continue;
            TimeSpan retryIn;
            lock (_gate) retryIn = Backoff(++_failures);
            owner.Log(RemoteLogLevel.Warning, $"Association with {remote} failed: {failure}; retrying in {retryIn.TotalMilliseconds:0} ms while envelopes wait.");
            owner.Publish(new AssociationFailed(remote, failure, retryIn));
        }
    }

    /// <summary>One connection attempt; null when it succeeded (or became unnecessary), else why it failed.</summary>
    private async Task<string?> AttemptAsync(CancellationToken cancellationToken)
    {
        IAssociation association;
        try
        {
            association = await owner.Transport.AssociateAsync(remote, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e)
        {
            return $"cannot connect: {e.Message}";
        }
        var handle = new ProtocolHandle(owner, association, expectedRemote: remote);
        lock (_gate)
        {
            if (_active is not null || cancellationToken.IsCancellationRequested)
            {
                association.Abort("already associated");
                return null;
            }
            _outbound = handle;
        }
        association.Start(handle);
        var failure = await handle.Handshake.ConfigureAwait(false);
        lock (_gate)
        {
            if (_outbound == handle) _outbound = null;
            // Losing a simultaneous connect to the peer's own connection is success, not a failure to report.
            return _active is not null ? null : failure;
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var settings = owner.Settings;
        double factor = Math.Pow(2, Math.Min(failures - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(settings.BackoffMin.Ticks * factor, settings.BackoffMax.Ticks));
        return delay < settings.BackoffMin ? settings.BackoffMin : delay;
    }
}
