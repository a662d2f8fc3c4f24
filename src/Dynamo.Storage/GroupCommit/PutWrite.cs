namespace Dynamo.Storage.GroupCommit;

/// <summary>Stores a batch of entries in one partition.</summary>
internal sealed class PutWrite(int partition, EncodedEntry[] entries) : WriteRequest
{
    public int Partition { get; } = partition;

    public EncodedEntry[] Entries { get; } = entries;

    public override long Size { get; } = entries.Sum(e => (long)e.Key.Length + e.Value.Length);
}
