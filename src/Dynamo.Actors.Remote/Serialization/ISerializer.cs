namespace Dynamo.Actors.Remote.Serialization;

/// <summary>
/// Turns messages into bytes and back. <see cref="Identifier"/> travels in every envelope, so it must never change
/// once a serializer has been deployed; ids 0..99 are reserved for Dynamo.Actors itself.
/// </summary>
public interface ISerializer
{
    /// <summary>Stable id written on the wire with each payload.</summary>
    int Identifier { get; }

    /// <summary>Text that, with the bytes, is enough for <see cref="FromBinary"/> to rebuild the message (often its type name).</summary>
    string Manifest(object message);

    /// <summary>Serializes <paramref name="message"/>.</summary>
    byte[] ToBinary(object message);

    /// <summary>
    /// Rebuilds a message; throws <see cref="RemoteProtocolException"/> for a manifest it does not know or bytes it cannot read.
    /// <paramref name="bytes"/> may be a view of the receive buffer, valid only during the call: copy whatever the message keeps.
    /// </summary>
    object FromBinary(ReadOnlyMemory<byte> bytes, string manifest);
}
