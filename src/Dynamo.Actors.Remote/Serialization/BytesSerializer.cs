namespace Dynamo.Actors.Remote.Serialization;

/// <summary>Sends a <c>byte[]</c> as it is (id 4, as Akka's ByteArraySerializer). The manifest is empty.</summary>
public sealed class BytesSerializer : ISerializer
{
    /// <summary>The wire id of this serializer.</summary>
    public const int Id = 4;

    /// <inheritdoc />
    public int Identifier => Id;

    /// <inheritdoc />
    public string Manifest(object message) => "";

    /// <inheritdoc />
    public byte[] ToBinary(object message) =>
        message as byte[] ?? throw new ArgumentException($"{nameof(BytesSerializer)} serializes byte[] only, not {message.GetType()}.", nameof(message));

    /// <inheritdoc />
    public object FromBinary(ReadOnlyMemory<byte> bytes, string manifest) => bytes.ToArray();
}
