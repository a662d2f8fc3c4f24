namespace Dynamo.Testing;

/// <summary>One thing the final state should not show.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Key">The key.</param>
/// <param name="Node">The node whose read showed it (or where a value was read during the run).</param>
/// <param name="Detail">The write(s) and values involved, readable on its own.</param>
/// <param name="Write">The write at fault (lost, or whose value should not be present), when there is one.</param>
public sealed record Violation(ViolationKind Kind, string Key, string Node, string Detail, HistoryWrite? Write = null)
{
    /// <inheritdoc />
    public override string ToString() => $"{Kind} of {Key} on {Node}: {Detail}";
}
