namespace Dynamo.Actors.Cluster.Tests;

/// <summary>
/// Nodes' membership states exchanging gossip in rounds, single-threaded, with a seeded random choice of
/// gossip partner: each round every running node runs its leader actions, then gossips to one random
/// target, which talks back when the sender lacks its view. Isolated nodes neither send nor receive.
/// Records the cluster events each node would publish.
/// </summary>
internal sealed class SimulatedCluster(int seed)
{
    private readonly Random _random = new(seed);
    private readonly SortedDictionary<UniqueAddress, MembershipState> _states = [];
    private readonly Dictionary<UniqueAddress, List<ClusterEvent>> _events = [];
    private readonly HashSet<UniqueAddress> _stopped = [];
    private readonly HashSet<UniqueAddress> _isolated = [];

    public long Now { get; private set; }

    public MembershipState this[UniqueAddress node] => _states[node];

    public IEnumerable<UniqueAddress> Running => _states.Keys.Where(n => !_stopped.Contains(n));

    public IReadOnlyList<ClusterEvent> EventsAt(UniqueAddress node) => _events[node];

    public void StartFirstSeed(UniqueAddress node)
    {
        _states[node] = MembershipState.Initial(node);
        _events[node] = [];
        Set(node, _states[node].Join(node).State);
    }

    public void JoinVia(UniqueAddress node, UniqueAddress seedNode)
    {
        var joined = _states[seedNode].Join(node);
        Assert.Equal(JoinOutcome.Added, joined.Outcome);
        Set(seedNode, joined.State);
        _states[node] = MembershipState.Initial(node);
        _events[node] = [];
        Set(node, _states[node].Welcome(joined.State.LatestGossip, seedNode));
    }

    public void Update(UniqueAddress node, Func<MembershipState, MembershipState> change) => Set(node, change(_states[node]));

    public void Isolate(UniqueAddress node) => _isolated.Add(node);

    public void Stop(UniqueAddress node) => _stopped.Add(node);

    /// <summary>Runs rounds until <paramref name="condition"/> holds; fails after <paramref name="maxRounds"/>.</summary>
    public int RunUntil(Func<bool> condition, int maxRounds, string what)
    {
        for (int round = 0; round <= maxRounds; round++)
        {
            if (condition()) return round;
            Round();
        }
        throw new Xunit.Sdk.XunitException($"Seed {seed}: not {what} after {maxRounds} rounds.\n" + string.Join("\n", _states.Values));
    }

    /// <summary>Runs exactly <paramref name="rounds"/> rounds.</summary>
    public void RunRounds(int rounds)
    {
        for (int i = 0; i < rounds; i++) Round();
    }

    private void Round()
    {
        Now += 1000;
        foreach (var node in Running.ToList())
            Set(node, _states[node].LeaderActions(Now).State);
        foreach (var node in Running.OrderBy(_ => _random.Next()).ToList())
        {
            var targets = _states[node].GossipTargets.Where(t => !_stopped.Contains(t)).ToList();
            if (targets.Count == 0) continue;
            Deliver(node, targets[_random.Next(targets.Count)]);
        }
    }

    private void Deliver(UniqueAddress from, UniqueAddress to)
    {
        if (_isolated.Contains(from) || _isolated.Contains(to)) return;
        var received = _states[to].ReceiveGossip(_states[from].LatestGossip, from);
        Set(to, received.State);
        if (received.Talkback)
            Set(from, _states[from].ReceiveGossip(_states[to].LatestGossip, to).State);
    }

    private void Set(UniqueAddress node, MembershipState next)
    {
        _events[node].AddRange(ClusterEvents.Diff(_states[node].LatestGossip, next.LatestGossip, node));
        _states[node] = next;
    }
}
