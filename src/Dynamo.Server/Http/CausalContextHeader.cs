using System.Buffers.Text;
using Google.Protobuf;

namespace Dynamo.Server.Http;

/// <summary>
/// The text form of a causal context in <see cref="DynamoHeaders.Context"/> and in JSON: base64url
/// without padding, so it needs no escaping in headers, URLs or JSON. Decoding also accepts padding.
/// </summary>
public static class CausalContextHeader
{
    /// <summary>The text form of <paramref name="context"/>; empty for an empty context.</summary>
    public static string Encode(ByteString context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Base64Url.EncodeToString(context.Span);
    }

    /// <summary>
    /// Decodes a context; an absent or empty text is the empty context (a blind write). Only the
    /// encoding is checked here: whether the bytes are a context is the router's call.
    /// </summary>
    /// <param name="text">The header's value.</param>
    /// <param name="context">The context bytes.</param>
    /// <param name="problem">Why the text is not base64url, when it is not.</param>
    public static bool TryDecode(string? text, out ByteString context, out string? problem)
    {
        context = ByteString.Empty;
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        var trimmed = text.Trim();
        if (!Base64Url.IsValid(trimmed))
        {
            problem = $"{DynamoHeaders.Context} is not base64url (RFC 4648 §5: A-Z a-z 0-9 - _)";
            return false;
        }
        context = ByteString.CopyFrom(Base64Url.DecodeFromChars(trimmed));
        return true;
    }
}
