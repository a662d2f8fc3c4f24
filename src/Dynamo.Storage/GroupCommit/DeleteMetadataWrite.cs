namespace Dynamo.Storage.GroupCommit;

/// <summary>Deletes a named metadata value; its result is 1 when it existed.</summary>
internal sealed class DeleteMetadataWrite(string name) : WriteRequest
{
    public string Name { get; } = name;

    public override long Size => 0;
}
