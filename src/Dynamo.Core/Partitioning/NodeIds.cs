using System.Collections.Immutable;

namespace Dynamo.Core.Partitioning;

/// <summary>Validation and canonical ordering of member node ids.</summary>
internal static class NodeIds
{
    /// <summary>Sorts ids ordinally; rejects null, empty and duplicate ids rather than dropping them.</summary>
    public static ImmutableArray<string> Normalize(IEnumerable<string> ids, string paramName)
    {
        var sorted = ids.ToArray();
        foreach (var id in sorted)
        {
            if (string.IsNullOrEmpty(id))
            {
                throw new ArgumentException("A node id must be a non-empty string.", paramName);
            }
        }

        Array.Sort(sorted, StringComparer.Ordinal);
        for (var i = 1; i < sorted.Length; i++)
        {
            if (string.Equals(sorted[i - 1], sorted[i], StringComparison.Ordinal))
            {
                throw new ArgumentException($"Node id '{sorted[i]}' appears more than once.", paramName);
            }
        }

        if (sorted.Length == 0)
        {
            throw new ArgumentException("A ring needs at least one member.", paramName);
        }

        return [.. sorted];
    }
}
