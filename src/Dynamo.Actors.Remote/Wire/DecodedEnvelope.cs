namespace Dynamo.Actors.Remote.Wire;

/// <summary>The fields of an envelope frame as views into the frame; valid only while the frame's buffer is.</summary>
internal ref struct DecodedEnvelope
{
    public ReadOnlySpan<byte> Recipient;
    public ReadOnlySpan<byte> Sender;
    public ulong SequenceNumber;
    public bool HasPayload;
    public int SerializerId;
    public ReadOnlySpan<byte> Manifest;
    public ReadOnlySpan<byte> Message;
}
