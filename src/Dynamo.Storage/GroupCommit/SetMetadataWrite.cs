namespace Dynamo.Storage.GroupCommit;

/// <summary>Stores a named metadata value.</summary>
internal sealed class SetMetadataWrite(string name, byte[] value) : WriteRequest
{
    public string Name { get; } = name;

    public byte[] Value { get; } = value;

    public uint Checksum { get; } = ValueChecksum.Compute(value);

    public override long Size => Value.Length;
}
