using System.Buffers;
using Google.Protobuf;

namespace Dynamo.Actors.Remote.Wire;

/// <summary>Parses frames into wire messages, turning every parser failure into <see cref="RemoteProtocolException"/>; encodes handshake messages.</summary>
internal static class WireCodec
{
    /// <summary>The protocol version this code speaks; a peer with another version is refused.</summary>
    public const uint ProtocolVersion = 1;

    /// <summary>Length of each handshake nonce in bytes.</summary>
    public const int NonceSize = 32;

    public static WireMessage Parse(in ReadOnlySequence<byte> frame)
    {
        WireMessage message;
        try
        {
            message = WireMessage.Parser.ParseFrom(frame);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new RemoteProtocolException($"Frame is not a valid wire message: {e.Message}", e);
        }
        if (message.KindCase == WireMessage.KindOneofCase.None)
            throw new RemoteProtocolException("Frame carries no known wire message.");
        return message;
    }

    public static byte[] Encode(WireMessage message) => message.ToByteArray();

    public static Address ParseAddress(string text, string field) =>
        Address.TryParse(text, out var address) && address.HasGlobalScope
            ? address
            : throw new RemoteProtocolException($"{field} '{Truncate(text)}' is not an address of the form protocol://system@host:port.");

    public static void RequireNonce(ByteString nonce, string field)
    {
        if (nonce.Length != NonceSize)
            throw new RemoteProtocolException($"{field} must be {NonceSize} bytes, was {nonce.Length}.");
    }

    public static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
