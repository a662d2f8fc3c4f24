using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Dynamo.Actors.Remote.Wire;

/// <summary>
/// Proof of the cluster cookie without revealing it: HMAC-SHA256 keyed by the cookie over a transcript of both
/// sides' fresh nonces and the prover's identity. Distinct labels for the two directions stop a peer from
/// reflecting one side's proof back at it; the nonces stop replays.
/// </summary>
internal static class CookieProof
{
    public const string AssociateLabel = "dynamo-remote/1 associate";
    public const string AcknowledgeLabel = "dynamo-remote/1 associate-ack";

    /// <summary>HMAC-SHA256(cookie, label ‖ 0x00 ‖ challengeNonce ‖ ownNonce ‖ u32be(len origin) ‖ origin ‖ u64be(uid)).</summary>
    public static byte[] Compute(string cookie, string label, ReadOnlySpan<byte> challengeNonce, ReadOnlySpan<byte> ownNonce, string origin, ulong uid)
    {
        var key = Encoding.UTF8.GetBytes(cookie);
        var labelBytes = Encoding.UTF8.GetBytes(label);
        var originBytes = Encoding.UTF8.GetBytes(origin);
        var transcript = new byte[labelBytes.Length + 1 + challengeNonce.Length + ownNonce.Length + 4 + originBytes.Length + 8];
        var span = transcript.AsSpan();
        labelBytes.CopyTo(span);
        span = span[(labelBytes.Length + 1)..];
        challengeNonce.CopyTo(span);
        span = span[challengeNonce.Length..];
        ownNonce.CopyTo(span);
        span = span[ownNonce.Length..];
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)originBytes.Length);
        originBytes.CopyTo(span[4..]);
        BinaryPrimitives.WriteUInt64BigEndian(span[(4 + originBytes.Length)..], uid);
        return HMACSHA256.HashData(key, transcript);
    }

    /// <summary>Compares in constant time so that timing reveals nothing about how much of a forged proof was right.</summary>
    public static bool Verify(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual) =>
        CryptographicOperations.FixedTimeEquals(expected, actual);

    public static byte[] NewNonce() => RandomNumberGenerator.GetBytes(WireCodec.NonceSize);
}
