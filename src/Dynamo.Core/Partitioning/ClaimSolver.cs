namespace Dynamo.Core.Partitioning;

/// <summary>
/// The arithmetic behind <see cref="Claimant"/>, on member indices instead of node ids.
/// </summary>
/// <remarks>
/// Quality of a ring is scored by a conflict cost: every pair of partitions closer than the
/// window <c>w = min(N, Q, S)</c> that share an owner costs <c>(w - distance)²</c>, so one near
/// repeat weighs more than two far ones. With fewer members than N the window shrinks to S,
/// the most that can be distinct. Zero cost means every window of N consecutive partitions has N
/// distinct owners. Swaps keep every node's partition count, so they repair conflicts
/// without disturbing balance.
/// </remarks>
internal sealed class ClaimSolver
{
    private const int Free = -1;

    // Bounds repair work when a perfect layout is impossible (too few members for N), where
    // improving swaps can go on for a long time with little gain; deterministic, unlike a timeout.
    private const int SwapEvaluationBudget = 2_000_000;

    private readonly int _q;
    private readonly int _window;
    private readonly int[] _owner;
    private readonly int[] _previous;
    private int _evaluationsLeft = SwapEvaluationBudget;

    private ClaimSolver(int q, int s, int n, int[] owner, int[] previous)
    {
        _q = q;
        _window = Math.Min(Math.Min(n, q), s);
        _owner = owner;
        _previous = previous;
    }

    /// <summary>Owner indices of a fresh ring: a diagonal stripe, then conflict repair.</summary>
    public static int[] Stripe(int q, int s, int n) => Stripe(q, s, n, Enumerable.Repeat(Free, q).ToArray());

    /// <summary>
    /// A diagonal stripe whose columns are matched to members so that as many partitions as
    /// possible keep their <paramref name="previous"/> owner, then conflict repair.
    /// </summary>
    private static int[] Stripe(int q, int s, int n, int[] previous)
    {
        // overlap[column, member]: partitions of stripe column p mod S that the member held before.
        var overlap = new int[s, s];
        for (var p = 0; p < q; p++)
        {
            if (previous[p] != Free)
            {
                overlap[p % s, previous[p]]++;
            }
        }

        // Greedy matching, heaviest overlap first; ties fall to the lowest indices so the result is deterministic.
        var memberOf = Enumerable.Repeat(Free, s).ToArray();
        var used = new bool[s];
        var pairs = new List<(int Column, int Member, int Weight)>(s * s);
        for (var c = 0; c < s; c++)
        {
            for (var m = 0; m < s; m++)
            {
                pairs.Add((c, m, overlap[c, m]));
            }
        }

        foreach (var (column, member, _) in pairs.OrderByDescending(x => x.Weight).ThenBy(x => x.Column).ThenBy(x => x.Member))
        {
            if (memberOf[column] == Free && !used[member])
            {
                memberOf[column] = member;
                used[member] = true;
            }
        }

        var owner = new int[q];
        for (var p = 0; p < q; p++)
        {
            // Column p mod S; the first Q mod S columns get one extra partition, so any matching is balanced.
            owner[p] = memberOf[p % s];
        }

        var solver = new ClaimSolver(q, s, n, owner, previous);
        solver.Repair();
        return owner;
    }

    /// <summary>
    /// Owner indices that keep as much of <paramref name="previous"/> as balance allows:
    /// departed members' partitions and surplus partitions go to members below their target,
    /// each taker preferring partitions at least N away from its own. Falls back to a fresh
    /// stripe only when that stripe has fewer conflicts.
    /// </summary>
    /// <param name="q">Partition count.</param>
    /// <param name="s">Member count.</param>
    /// <param name="n">Target N.</param>
    /// <param name="previous">Previous owner per partition as a member index, or -1 if that owner left.</param>
    public static int[] Incremental(int q, int s, int n, int[] previous)
    {
        var owner = (int[])previous.Clone();
        var count = new int[s];
        foreach (var o in owner)
        {
            if (o != Free)
            {
                count[o]++;
            }
        }

        var target = Targets(q, s, count);
        var solver = new ClaimSolver(q, s, n, owner, previous);
        solver.Take(count, target);
        solver.Repair();
        var cost = solver.TotalCost();
        if (cost == 0)
        {
            return owner;
        }

        var stripe = Stripe(q, s, n, previous);
        return new ClaimSolver(q, s, n, stripe, previous).TotalCost() < cost ? stripe : owner;
    }

    /// <summary>
    /// Balanced targets: floor(Q/S) each, plus one for the Q mod S members that hold the most
    /// partitions already, so as few partitions as possible move.
    /// </summary>
    public static int[] Targets(int q, int s, int[] count)
    {
        var target = new int[s];
        var order = Enumerable.Range(0, s).OrderByDescending(i => count[i]).ThenBy(i => i).ToArray();
        for (var k = 0; k < s; k++)
        {
            target[order[k]] = q / s + (k < q % s ? 1 : 0);
        }

        return target;
    }

    /// <summary>Sum of the conflict cost over the whole ring (each pair counted twice).</summary>
    public int TotalCost()
    {
        var total = 0;
        for (var p = 0; p < _q; p++)
        {
            total += LocalCost(p);
        }

        return total;
    }

    private void Take(int[] count, int[] target)
    {
        var s = count.Length;
        for (var d = 0; d < s; d++)
        {
            if (count[d] >= target[d])
            {
                continue;
            }

            // Spread a taker's partitions around the ring rather than bunching them at partition 0.
            var stride = Math.Max(_window, _q / target[d]);
            var cursor = (int)((long)d * _q / s);
            while (count[d] < target[d])
            {
                var p = FindTake(d, cursor, count, target);
                var from = _owner[p];
                if (from != Free)
                {
                    count[from]--;
                }

                _owner[p] = d;
                count[d]++;
                cursor = (p + stride) % _q;
            }
        }
    }

    private int FindTake(int taker, int cursor, int[] count, int[] target)
    {
        // Orphaned partitions must move anyway, so taking them first costs nothing extra.
        var fallback = -1;
        var fallbackCost = int.MaxValue;
        var firstSurplus = -1;
        for (var k = 0; k < _q; k++)
        {
            var p = (cursor + k) % _q;
            var o = _owner[p];
            var available = o == Free || (o != taker && count[o] > target[o]);
            if (!available)
            {
                continue;
            }

            var cost = CostIfOwned(p, taker);
            if (cost == 0)
            {
                if (o == Free)
                {
                    return p;
                }

                if (firstSurplus < 0)
                {
                    firstSurplus = p;
                }
            }
            else if (cost < fallbackCost)
            {
                fallbackCost = cost;
                fallback = p;
            }
        }

        return firstSurplus >= 0 ? firstSurplus : fallback;
    }

    private void Repair()
    {
        while (_evaluationsLeft > 0)
        {
            if (!TryImprovingSwap())
            {
                return;
            }
        }
    }

    private bool TryImprovingSwap()
    {
        for (var p = 0; p < _q; p++)
        {
            if (LocalCost(p) == 0)
            {
                continue;
            }

            var bestQ = -1;
            var bestDelta = 0;
            var bestMoves = int.MaxValue;
            var before = LocalCost(p);
            for (var q = 0; q < _q; q++)
            {
                if (_owner[q] == _owner[p])
                {
                    continue;
                }

                _evaluationsLeft--;
                var delta = SwapDelta(p, q, before);
                if (delta >= 0)
                {
                    continue;
                }

                // Among equally good swaps, prefer the one that moves the fewest partitions.
                var moves = MoveDelta(p, q);
                if (delta < bestDelta || (delta == bestDelta && moves < bestMoves))
                {
                    bestDelta = delta;
                    bestMoves = moves;
                    bestQ = q;
                }
            }

            if (bestQ >= 0 && bestDelta < 0)
            {
                (_owner[p], _owner[bestQ]) = (_owner[bestQ], _owner[p]);
                return true;
            }
        }

        return false;
    }

    private int SwapDelta(int p, int q, int localP)
    {
        var before = localP + LocalCost(q);
        (_owner[p], _owner[q]) = (_owner[q], _owner[p]);
        var after = LocalCost(p) + LocalCost(q);
        (_owner[p], _owner[q]) = (_owner[q], _owner[p]);
        return after - before;
    }

    private int MoveDelta(int p, int q)
    {
        var before = Moved(p, _owner[p]) + Moved(q, _owner[q]);
        var after = Moved(p, _owner[q]) + Moved(q, _owner[p]);
        return after - before;
    }

    private int Moved(int p, int owner) => owner == _previous[p] ? 0 : 1;

    private int LocalCost(int p) => CostIfOwned(p, _owner[p]);

    private int CostIfOwned(int p, int node)
    {
        var cost = 0;
        for (var d = 1; d < _window; d++)
        {
            if (_owner[(p + d) % _q] == node)
            {
                cost += (_window - d) * (_window - d);
            }

            if (_owner[((p - d) % _q + _q) % _q] == node)
            {
                cost += (_window - d) * (_window - d);
            }
        }

        return cost;
    }
}
