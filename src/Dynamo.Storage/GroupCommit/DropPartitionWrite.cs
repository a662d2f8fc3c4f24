namespace Dynamo.Storage.GroupCommit;

/// <summary>Deletes a whole partition.</summary>
internal sealed class DropPartitionWrite(int partition) : WriteRequest
{
    public int Partition { get; } = partition;

    public override long Size => 0;
}
