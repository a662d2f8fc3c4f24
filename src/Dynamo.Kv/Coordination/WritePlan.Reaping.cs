namespace Dynamo.Kv.Coordination;

/// <summary>The reaping part of a write plan.</summary>
public sealed partial record WritePlan
{
    /// <summary>For a delete whose tombstone is to be reaped: when and on which primaries; null to keep it.</summary>
    public TombstoneReap? Reap { get; init; }
}
