namespace Dynamo.Storage;

/// <summary>An entry copied out of the caller's buffers, with the checksum stored beside its value.</summary>
internal sealed record EncodedEntry(byte[] Key, byte[] Value, uint Checksum);
