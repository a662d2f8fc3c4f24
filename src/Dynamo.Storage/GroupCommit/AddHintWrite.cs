namespace Dynamo.Storage.GroupCommit;

/// <summary>Stores a hinted write; its result is the hint id.</summary>
internal sealed class AddHintWrite(string owner, int partition, EncodedEntry entry) : WriteRequest
{
    public string Owner { get; } = owner;

    public int Partition { get; } = partition;

    public EncodedEntry Entry { get; } = entry;

    public override long Size { get; } = (long)entry.Key.Length + entry.Value.Length;
}
