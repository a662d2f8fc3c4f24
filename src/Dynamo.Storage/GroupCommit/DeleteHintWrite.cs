namespace Dynamo.Storage.GroupCommit;

/// <summary>Deletes a delivered hint; its result is 1 when it existed.</summary>
internal sealed class DeleteHintWrite(long id) : WriteRequest
{
    public long Id { get; } = id;

    public override long Size => 0;
}
