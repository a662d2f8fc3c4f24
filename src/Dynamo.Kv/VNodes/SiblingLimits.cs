namespace Dynamo.Kv.VNodes;

/// <summary>
/// Bounds on concurrent siblings for client writes, as Riak's: a warning above
/// <paramref name="WarnAbove"/>, a refusal above <paramref name="Max"/>. Replica writes (from
/// coordinators, read repair, handoff) are never refused: refusing them would lose acknowledged data.
/// </summary>
/// <param name="WarnAbove">Siblings above which a write is logged as a warning.</param>
/// <param name="Max">Siblings above which a client write is refused.</param>
public sealed record SiblingLimits(int WarnAbove, int Max)
{
    /// <summary>Riak's defaults: warn above 25, refuse above 100.</summary>
    public static SiblingLimits Default { get; } = new(25, 100);
}
