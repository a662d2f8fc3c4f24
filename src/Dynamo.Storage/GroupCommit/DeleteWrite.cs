namespace Dynamo.Storage.GroupCommit;

/// <summary>Deletes keys of one partition; its result is how many existed.</summary>
internal sealed class DeleteWrite(int partition, byte[][] keys) : WriteRequest
{
    public int Partition { get; } = partition;

    public byte[][] Keys { get; } = keys;

    public override long Size { get; } = keys.Sum(k => (long)k.Length);
}
