using System.Text;

namespace Dynamo.Actors.Remote.Serialization;

/// <summary>Sends a <c>string</c> as strict UTF-8 (id 5). The manifest is empty.</summary>
public sealed class StringSerializer : ISerializer
{
    /// <summary>The wire id of this serializer.</summary>
    public const int Id = 5;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <inheritdoc />
    public int Identifier => Id;

    /// <inheritdoc />
    public string Manifest(object message) => "";

    /// <inheritdoc />
    public byte[] ToBinary(object message) =>
        message is string text
            ? StrictUtf8.GetBytes(text)
            : throw new ArgumentException($"{nameof(StringSerializer)} serializes string only, not {message.GetType()}.", nameof(message));

    /// <inheritdoc />
    public object FromBinary(ReadOnlyMemory<byte> bytes, string manifest)
    {
        try
        {
            return StrictUtf8.GetString(bytes.Span);
        }
        catch (DecoderFallbackException e)
        {
            throw new RemoteProtocolException("String payload is not valid UTF-8.", e);
        }
    }
}
