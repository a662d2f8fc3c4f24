using System.Collections.Immutable;

namespace Dynamo.Core.Causality;

/// <summary>
/// The invariant every causal structure here keeps — entries sorted by ordinal node id, each node once,
/// counters from 1 — checked and searched in one place.
/// </summary>
internal static class NodeEntries
{
    /// <summary>Sorts entries by node and rejects empty node ids, counters below 1 and repeated nodes.</summary>
    /// <param name="entries">The entries, in any order.</param>
    /// <param name="structure">What is being built, for the error message ("a vector clock").</param>
    public static ImmutableArray<TEntry> SortAndValidate<TEntry>(IEnumerable<TEntry> entries, string structure)
        where TEntry : INodeEntry
    {
        ArgumentNullException.ThrowIfNull(entries);
        var sorted = entries.OrderBy(e => e.Node, StringComparer.Ordinal).ToImmutableArray();
        for (var i = 0; i < sorted.Length; i++)
        {
            if (string.IsNullOrEmpty(sorted[i].Node) || sorted[i].Counter < 1)
            {
                throw new ArgumentException($"Entry {sorted[i]} needs a node id and a counter of at least 1.", nameof(entries));
            }

            if (i > 0 && sorted[i - 1].Node == sorted[i].Node)
            {
                throw new ArgumentException($"Node '{sorted[i].Node}' appears twice in {structure}.", nameof(entries));
            }
        }

        return sorted;
    }

    /// <summary>Binary search by node: the entry's index, or the bitwise complement of where it would go.</summary>
    public static int IndexOf<TEntry>(ImmutableArray<TEntry> entries, string node)
        where TEntry : INodeEntry
    {
        int lo = 0, hi = entries.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var c = string.CompareOrdinal(entries[mid].Node, node);
            if (c == 0)
            {
                return mid;
            }

            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }

    /// <summary>
    /// The causal relation of two node-sorted entry lists, comparing each node's counter (a node absent from one
    /// side counts 0 there): <see cref="CausalOrder.After"/> when <paramref name="left"/> has seen everything
    /// <paramref name="right"/> has and more.
    /// </summary>
    public static CausalOrder Compare<TEntry>(ImmutableArray<TEntry> left, ImmutableArray<TEntry> right)
        where TEntry : INodeEntry
    {
        var leftAhead = false;
        var rightAhead = false;
        int i = 0, j = 0;
        while (i < left.Length || j < right.Length)
        {
            var c = i == left.Length ? 1 : j == right.Length ? -1
                : string.CompareOrdinal(left[i].Node, right[j].Node);
            var a = c <= 0 ? left[i++].Counter : 0;
            var b = c >= 0 ? right[j++].Counter : 0;
            leftAhead |= a > b;
            rightAhead |= b > a;
        }

        return (leftAhead, rightAhead) switch
        {
            (false, false) => CausalOrder.Equal,
            (true, false) => CausalOrder.After,
            (false, true) => CausalOrder.Before,
            _ => CausalOrder.Concurrent,
        };
    }

    /// <summary>
    /// Merges two node-sorted entry lists into one: entries of one side only are kept, and for a node on
    /// both sides <paramref name="pick"/> chooses which entry stays.
    /// </summary>
    public static ImmutableArray<TEntry> MergeSorted<TEntry>(ImmutableArray<TEntry> left, ImmutableArray<TEntry> right, Func<TEntry, TEntry, TEntry> pick)
        where TEntry : INodeEntry
    {
        var result = ImmutableArray.CreateBuilder<TEntry>(left.Length + right.Length);
        int i = 0, j = 0;
        while (i < left.Length || j < right.Length)
        {
            var c = i == left.Length ? 1 : j == right.Length ? -1
                : string.CompareOrdinal(left[i].Node, right[j].Node);
            if (c < 0)
            {
                result.Add(left[i++]);
            }
            else if (c > 0)
            {
                result.Add(right[j++]);
            }
            else
            {
                result.Add(pick(left[i++], right[j++]));
            }
        }

        return result.ToImmutable();
    }
}
