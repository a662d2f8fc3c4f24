namespace Dynamo.Kv.Coordination;

/// <summary>The object buffer part of a write plan.</summary>
public sealed partial record WritePlan
{
    /// <summary>
    /// Whether the bucket has the object buffer on: the coordinating replica still writes durably, while the
    /// other primaries acknowledge once the write is in memory and handed to storage (the paper's section 6.1).
    /// </summary>
    public bool ObjectBuffer { get; init; }
}
