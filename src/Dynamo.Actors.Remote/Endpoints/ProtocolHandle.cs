using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Dynamo.Actors.Remote.Events;
using Dynamo.Actors.Remote.Transport;
using Dynamo.Actors.Remote.Wire;
using Google.Protobuf;

namespace Dynamo.Actors.Remote.Endpoints;

/// <summary>
/// The association protocol on one transport connection: the challenge–response handshake that proves the
/// cookie and names both incarnations, then envelopes, heartbeats and disassociation. See WIRE-PROTOCOL.md.
/// </summary>
internal sealed class ProtocolHandle : IFrameHandler
{
    private enum State { AwaitChallenge, AwaitAssociate, AwaitAck, Established, Closed }

    private static readonly byte[] HeartbeatFrame = WireCodec.Encode(new WireMessage { Heartbeat = new Heartbeat() });

    private readonly Remoting _owner;
    private readonly Address? _expectedRemote;
    private readonly TaskCompletionSource<string?> _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ITimer _handshakeTimer;
    private readonly byte[] _ownNonce = CookieProof.NewNonce();
    private readonly Utf8StringCache _strings = new();
    private State _state;
    private byte[] _peerNonce = [];
    private Endpoint? _endpoint;
    private ulong _lastSequenceNumber;
    private int _wroteSinceTick;
    private int _readSinceTick;
    private int _idleTicks;

    /// <summary>Wraps a new association; outbound ones name the address they expect to reach.</summary>
    public ProtocolHandle(Remoting owner, IAssociation association, Address? expectedRemote)
    {
        _owner = owner;
        Association = association;
        _expectedRemote = expectedRemote;
        _state = association.IsInbound ? State.AwaitAssociate : State.AwaitChallenge;
        _handshakeTimer = owner.Time.CreateTimer(_ => HandshakeTimedOut(), null, owner.Settings.HandshakeTimeout, Timeout.InfiniteTimeSpan);
        if (association.IsInbound)
        {
            // The acceptor speaks first, so the initiator's proof can cover a nonce it could not have chosen.
            Write(WireCodec.Encode(new WireMessage { Challenge = new Challenge { ProtocolVersion = WireCodec.ProtocolVersion, Nonce = ByteString.CopyFrom(_ownNonce) } }));
        }
    }

    public IAssociation Association { get; }

    /// <summary>The peer's system address, once the handshake named it.</summary>
    public Address? Remote { get; private set; }

    /// <summary>The peer's incarnation, once the handshake named it.</summary>
    public ulong RemoteUid { get; private set; }

    /// <summary>Completes with null once established, or with the reason the handshake failed.</summary>
    public Task<string?> Handshake => _handshake.Task;

    public bool Write(byte[] frame)
    {
        if (!Association.TryWrite(frame)) return false;
        // Written only when it changes: the reader thread touches the neighbouring flag for every frame it reads,
        // and an unconditional store per envelope would bounce their shared cache line between the two threads.
        if (_wroteSinceTick == 0) _wroteSinceTick = 1;
        return true;
    }

    /// <summary>Sends the reason, then closes gracefully.</summary>
    public void Disassociate(string reason)
    {
        Association.TryWrite(WireCodec.Encode(new WireMessage { Disassociate = new Disassociate { Reason = reason } }));
        Association.Disassociate(reason);
    }

    /// <summary>Called every heartbeat interval: keeps an idle association alive and closes a silent one.</summary>
    public void Tick()
    {
        if (_state != State.Established) return;
        if (Interlocked.Exchange(ref _wroteSinceTick, 0) == 0) Write(HeartbeatFrame);
        if (Interlocked.Exchange(ref _readSinceTick, 0) == 1)
        {
            _idleTicks = 0;
            return;
        }
        var silent = _owner.Settings.HeartbeatInterval * ++_idleTicks;
        if (silent >= _owner.Settings.IdleTimeout)
            Association.Abort($"nothing received from {Remote} for {silent.TotalSeconds:0.#} s");
    }

    public void OnFrame(IAssociation association, ReadOnlySequence<byte> frame)
    {
        if (_readSinceTick == 0) _readSinceTick = 1;
        try
        {
            if (_state == State.Established && TryDeliverInPlace(frame)) return;
            var message = WireCodec.Parse(frame);
            switch (_state)
            {
                case State.AwaitChallenge: OnChallenge(message); break;
                case State.AwaitAck: OnAckOrReject(message); break;
                case State.AwaitAssociate: OnAssociate(message); break;
                case State.Established: OnEstablishedMessage(message); break;
            }
        }
        catch (RemoteProtocolException e)
        {
            _owner.Log(RemoteLogLevel.Warning, $"Closing association {Describe()}: protocol violation: {e.Message}", e);
            Fail($"protocol violation: {e.Message}");
            Association.Abort($"protocol violation: {e.Message}");
        }
    }

    public void OnDisassociated(IAssociation association, string reason)
    {
        var previous = _state;
        _state = State.Closed;
        _handshakeTimer.Dispose();
        if (previous == State.Established)
        {
            _owner.Log(RemoteLogLevel.Info, $"Disassociated from {Remote} (uid {RemoteUid}): {reason}");
            _endpoint!.Detach(this, reason);
        }
        else
        {
            _endpoint?.Detach(this, reason);
            Fail(reason);
        }
    }

    private void OnChallenge(WireMessage message)
    {
        var challenge = message.Challenge ?? throw Unexpected(message, "Challenge");
        RequireVersion(challenge.ProtocolVersion);
        WireCodec.RequireNonce(challenge.Nonce, "Challenge.nonce");
        _peerNonce = challenge.Nonce.ToByteArray();
        var origin = _owner.LocalAddress.ToString();
        var proof = CookieProof.Compute(_owner.Settings.Cookie, CookieProof.AssociateLabel, _peerNonce, _ownNonce, origin, _owner.Uid);
        _state = State.AwaitAck;
        Write(WireCodec.Encode(new WireMessage
        {
            Associate = new Associate
            {
                ProtocolVersion = WireCodec.ProtocolVersion,
                Origin = origin,
                Uid = _owner.Uid,
                Nonce = ByteString.CopyFrom(_ownNonce),
                Proof = ByteString.CopyFrom(proof),
            },
        }));
    }

    private void OnAckOrReject(WireMessage message)
    {
        if (message.AssociateReject is { } reject)
        {
            Refused($"rejected by {_expectedRemote}: {WireCodec.Truncate(reject.Reason)}");
            return;
        }
        var ack = message.AssociateAck ?? throw Unexpected(message, "AssociateAck or AssociateReject");
        var origin = WireCodec.ParseAddress(ack.Origin, "AssociateAck.origin");
        if (origin != _expectedRemote)
            throw new RemoteProtocolException($"Connected to {_expectedRemote} but the peer calls itself {origin}.");
        var expected = CookieProof.Compute(_owner.Settings.Cookie, CookieProof.AcknowledgeLabel, _ownNonce, _peerNonce, ack.Origin, ack.Uid);
        if (!CookieProof.Verify(expected, ack.Proof.Span))
        {
            _owner.Log(RemoteLogLevel.Warning, $"Refusing {origin}: its cookie proof is wrong (is the cluster cookie the same on both nodes?).");
            SendAndClose(new WireMessage { Disassociate = new Disassociate { Reason = "cookie proof invalid" } }, "cookie proof invalid");
            return;
        }
        Remote = origin;
        RemoteUid = ack.Uid;
        if (_owner.IsQuarantined(origin, ack.Uid))
        {
            SendAndClose(new WireMessage { Disassociate = new Disassociate { Reason = $"incarnation {ack.Uid} is quarantined" } }, $"{origin} incarnation {ack.Uid} is quarantined");
            return;
        }
        var endpoint = _owner.EndpointFor(origin);
        var events = new List<AssociationEvent>();
        if (!endpoint.TryAttachOutbound(this, ack.Uid, events))
        {
            Fail("superseded by another association");
            Association.Disassociate("superseded by another association");
            return;
        }
        Establish(endpoint, events);
    }

    private void OnAssociate(WireMessage message)
    {
        var associate = message.Associate ?? throw Unexpected(message, "Associate");
        RequireVersion(associate.ProtocolVersion);
        WireCodec.RequireNonce(associate.Nonce, "Associate.nonce");
        var origin = WireCodec.ParseAddress(associate.Origin, "Associate.origin");
        _peerNonce = associate.Nonce.ToByteArray();
        var expected = CookieProof.Compute(_owner.Settings.Cookie, CookieProof.AssociateLabel, _ownNonce, _peerNonce, associate.Origin, associate.Uid);
        if (!CookieProof.Verify(expected, associate.Proof.Span))
        {
            _owner.Log(RemoteLogLevel.Warning, $"Rejecting {origin} ({Association.RemoteAddress}): its cookie proof is wrong (is the cluster cookie the same on both nodes?).");
            Reject("cookie proof invalid");
            return;
        }
        if (origin == _owner.LocalAddress)
        {
            Reject("peer claims this system's own address");
            return;
        }
        Remote = origin;
        RemoteUid = associate.Uid;
        if (_owner.IsQuarantined(origin, associate.Uid))
        {
            _owner.Log(RemoteLogLevel.Info, $"Rejecting quarantined incarnation {associate.Uid} of {origin}.");
            Reject($"incarnation {associate.Uid} is quarantined");
            return;
        }
        var proof = CookieProof.Compute(_owner.Settings.Cookie, CookieProof.AcknowledgeLabel, _peerNonce, _ownNonce, _owner.LocalAddress.ToString(), _owner.Uid);
        var ack = WireCodec.Encode(new WireMessage
        {
            AssociateAck = new AssociateAck { Origin = _owner.LocalAddress.ToString(), Uid = _owner.Uid, Proof = ByteString.CopyFrom(proof) },
        });
        var endpoint = _owner.EndpointFor(origin);
        var events = new List<AssociationEvent>();
        // Established before the ack is visible, so the peer's first envelope finds this handle ready.
        _state = State.Established;
        _endpoint = endpoint;
        if (!endpoint.TryAcceptInbound(this, associate.Uid, ack, events))
        {
            _state = State.AwaitAssociate;
            _endpoint = null;
            Reject("simultaneous connect: the connection opened by the lower address is kept");
            return;
        }
        Establish(endpoint, events);
    }

    private void OnEstablishedMessage(WireMessage message)
    {
        switch (message.KindCase)
        {
            case WireMessage.KindOneofCase.Envelope:
                Deliver(message.Envelope);
                break;
            case WireMessage.KindOneofCase.Heartbeat:
                break;
            case WireMessage.KindOneofCase.Disassociate:
                _owner.Log(RemoteLogLevel.Info, $"{Remote} disassociates: {WireCodec.Truncate(message.Disassociate.Reason)}");
                Association.Abort($"disassociated by peer: {WireCodec.Truncate(message.Disassociate.Reason)}");
                break;
            default:
                throw Unexpected(message, "an envelope, heartbeat or disassociate");
        }
    }

    private void Deliver(RemoteEnvelope envelope)
    {
        if (envelope.Recipient.Length == 0) throw new RemoteProtocolException("Envelope has no recipient path.");
        if (envelope.Payload is null) throw new RemoteProtocolException($"Envelope for {WireCodec.Truncate(envelope.Recipient)} has no payload.");
        if (envelope.SequenceNumber <= _lastSequenceNumber)
            throw new RemoteProtocolException($"Envelope sequence number {envelope.SequenceNumber} does not follow {_lastSequenceNumber}.");
        _lastSequenceNumber = envelope.SequenceNumber;
        var message = _owner.Deserialize(envelope.Payload);
        var inbound = new InboundEnvelope(envelope.Recipient, envelope.Sender.Length == 0 ? null : envelope.Sender, message, Remote!, RemoteUid, envelope.SequenceNumber);
        _owner.Deliver(inbound);
    }

    /// <summary>
    /// The envelope path: reads the frame where it lies, reuses the strings of recent paths and hands the
    /// serializer a view of the payload, so an envelope costs the message and its inbound record, nothing else.
    /// </summary>
    private bool TryDeliverInPlace(in ReadOnlySequence<byte> frame)
    {
        var memory = frame.IsSingleSegment ? frame.First : frame.ToArray();
        var span = memory.Span;
        if (!EnvelopeDecoder.TryDecode(span, out var envelope)) return false;
        if (envelope.Recipient.IsEmpty) throw new RemoteProtocolException("Envelope has no recipient path.");
        var recipient = _strings.Get(envelope.Recipient);
        if (!envelope.HasPayload) throw new RemoteProtocolException($"Envelope for {WireCodec.Truncate(recipient)} has no payload.");
        if (envelope.SequenceNumber <= _lastSequenceNumber)
            throw new RemoteProtocolException($"Envelope sequence number {envelope.SequenceNumber} does not follow {_lastSequenceNumber}.");
        _lastSequenceNumber = envelope.SequenceNumber;
        int offset = envelope.Message.IsEmpty
            ? 0
            : (int)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(span), ref MemoryMarshal.GetReference(envelope.Message));
        // Serializers get a view of the receive buffer, valid for the call only; every one of them copies what it keeps.
        var message = _owner.Deserialize(envelope.SerializerId, memory.Slice(offset, envelope.Message.Length), _strings.Get(envelope.Manifest));
        var sender = envelope.Sender.IsEmpty ? null : _strings.Get(envelope.Sender);
        _owner.Deliver(new InboundEnvelope(recipient, sender, message, Remote!, RemoteUid, envelope.SequenceNumber));
        return true;
    }

    private void Establish(Endpoint endpoint, List<AssociationEvent> events)
    {
        _endpoint = endpoint;
        _state = State.Established;
        _handshakeTimer.Dispose();
        _owner.Log(RemoteLogLevel.Info, $"Associated with {Remote} (uid {RemoteUid}, {(Association.IsInbound ? "inbound" : "outbound")}).");
        foreach (var e in events) _owner.Publish(e);
        _handshake.TrySetResult(null);
        // The connection may have dropped while it was being attached; Detach would then have found nothing to detach.
        if (!Association.IsOpen) endpoint.Detach(this, "connection closed during the handshake");
    }

    private void Reject(string reason)
    {
        SendAndClose(new WireMessage { AssociateReject = new AssociateReject { Reason = reason } }, reason);
    }

    private void Refused(string reason)
    {
        _owner.Log(RemoteLogLevel.Warning, $"Association with {_expectedRemote} refused: {reason}");
        Fail(reason);
        Association.Abort(reason);
    }

    private void SendAndClose(WireMessage message, string reason)
    {
        Fail(reason);
        Association.TryWrite(WireCodec.Encode(message));
        Association.Disassociate(reason);
    }

    private void Fail(string reason)
    {
        _handshakeTimer.Dispose();
        _handshake.TrySetResult(reason);
    }

    private void HandshakeTimedOut()
    {
        if (_state is State.Established or State.Closed) return;
        var reason = $"handshake with {Describe()} timed out after {_owner.Settings.HandshakeTimeout.TotalSeconds:0.#} s";
        _owner.Log(RemoteLogLevel.Warning, reason);
        Fail(reason);
        Association.Abort(reason);
    }

    private string Describe() => Remote?.ToString() ?? _expectedRemote?.ToString() ?? Association.RemoteAddress.ToString();

    private static void RequireVersion(uint version)
    {
        if (version != WireCodec.ProtocolVersion)
            throw new RemoteProtocolException($"Peer speaks protocol version {version}; this node speaks {WireCodec.ProtocolVersion}.");
    }

    private static RemoteProtocolException Unexpected(WireMessage message, string expected) =>
        new($"Expected {expected} but received {message.KindCase}.");
}
