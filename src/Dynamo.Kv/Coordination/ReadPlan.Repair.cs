namespace Dynamo.Kv.Coordination;

/// <summary>The read repair part of a read plan.</summary>
public sealed partial record ReadPlan
{
    /// <summary>Where the coordinator counts the repairs it sends; null to count nowhere.</summary>
    public ReadRepairCounter? Repairs { get; init; }
}
