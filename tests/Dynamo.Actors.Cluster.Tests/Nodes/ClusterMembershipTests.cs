using Dynamo.Actors.TestKit;

namespace Dynamo.Actors.Cluster.Tests.Nodes;

/// <summary>Several cluster nodes in one process over loopback TCP: forming, failure detection, leave, down, partitions.</summary>
[Collection("cluster-nodes")]
public sealed class ClusterMembershipTests : IAsyncLifetime
{
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(15);
    private readonly ClusterNodes _nodes = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _nodes.DisposeAsync();

    private async Task<(ActorSystem[] Systems, int[] Ports)> FormAsync(int count, string extraHocon = "")
    {
        var ports = Enumerable.Range(0, count).Select(_ => FreePorts.One()).ToArray();
        var seeds = ports.Take(Math.Min(2, count)).ToArray();
        var systems = ports.Select(p => _nodes.Start(p, seeds, extraHocon: extraHocon)).ToArray();
        await ClusterNodes.Eventually(() => systems.All(s => AllUp(s, count)), Converge, $"{count} nodes Up everywhere");
        return (systems, ports);
    }

    private static bool AllUp(ActorSystem system, int count)
    {
        var state = Cluster.Get(system).State;
        return state.Members.Count == count && state.Members.All(m => m.Status == MemberStatus.Up) && state.Convergence;
    }

    [Fact]
    public async Task Five_nodes_form_one_cluster_from_seeds_with_one_leader_and_convergence()
    {
        var (systems, _) = await FormAsync(5);

        var leaders = systems.Select(s => Cluster.Get(s).State.Leader).Distinct().ToArray();
        Assert.Single(leaders);
        Assert.Equal(systems.Select(s => s.Address).Min(), leaders[0]);
        Assert.All(systems, s => Assert.True(Cluster.Get(s).State.Convergence));
        Assert.All(systems, s => Assert.Equal(MemberStatus.Up, Cluster.Get(s).State.SelfStatus));
    }

    [Fact]
    public async Task Subscribers_get_member_up_events_as_initial_state_and_as_changes_until_they_unsubscribe()
    {
        var (systems, ports) = await FormAsync(2);
        var probe = new TestProbe(systems[0]) { DefaultTimeout = Converge };
        Cluster.Get(systems[0]).Subscribe(probe.Ref, ClusterSubscriptionInitialState.AsEvents, typeof(MemberUp));
        var initial = new[] { probe.ExpectMsg<MemberUp>(), probe.ExpectMsg<MemberUp>() };
        Assert.Equal(systems.Select(s => s.Address).Order(), initial.Select(e => e.Member.Address).Order());

        var third = _nodes.Start(FreePorts.One(), ports.Take(2));

        Assert.Equal(third.Address, probe.ExpectMsg<MemberUp>().Member.Address);

        Cluster.Get(systems[0]).Unsubscribe(probe.Ref);
        var fourth = _nodes.Start(FreePorts.One(), ports.Take(2));
        await ClusterNodes.Eventually(() => AllUp(systems[0], 4), Converge, "the fourth node is Up");

        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.NotNull(fourth);
    }

    [Fact]
    public async Task A_killed_node_is_marked_unreachable_and_its_restart_rejoins_as_a_new_incarnation()
    {
        var (systems, ports) = await FormAsync(3);
        var victim = systems[2];
        var oldIncarnation = Cluster.Get(victim).SelfUniqueAddress;

        await _nodes.KillAsync(victim);

        var survivors = systems.Take(2).ToArray();
        await ClusterNodes.Eventually(() => survivors.All(s => Cluster.Get(s).State.Unreachable.Any(m => m.UniqueAddress.Equals(oldIncarnation))),
            Converge, "the killed node is unreachable on every survivor");
        Assert.All(survivors, s => Assert.Contains(Cluster.Get(s).State.Members, m => m.UniqueAddress.Equals(oldIncarnation)));

        var restarted = _nodes.Start(ports[2], ports.Take(2));
        var newIncarnation = Cluster.Get(restarted).SelfUniqueAddress;

        Assert.NotEqual(oldIncarnation, newIncarnation);
        var all = survivors.Append(restarted).ToArray();
        await ClusterNodes.Eventually(() => all.All(s =>
        {
            var state = Cluster.Get(s).State;
            return state.Members.Any(m => m.UniqueAddress.Equals(newIncarnation) && m.Status == MemberStatus.Up)
                && !state.Members.Any(m => m.UniqueAddress.Equals(oldIncarnation))
                && state.Unreachable.IsEmpty;
        }), Converge, "the new incarnation is Up and reachable everywhere and the old one removed");
    }

    [Fact]
    public async Task A_leaving_node_ends_removed_on_every_node()
    {
        var (systems, _) = await FormAsync(3);
        var leaver = systems[2];
        var leaving = Cluster.Get(leaver).SelfUniqueAddress;

        Cluster.Get(systems[0]).Leave(leaver.Address);

        await ClusterNodes.Eventually(() => systems.Take(2).All(s => !Cluster.Get(s).State.Members.Any(m => m.UniqueAddress.Equals(leaving))),
            Converge, "the leaver is gone from the others' member lists");
        await ClusterNodes.Eventually(() => Cluster.Get(leaver).State.SelfStatus == MemberStatus.Removed, Converge, "the leaver sees itself removed");
    }

    [Fact]
    public async Task Downing_an_unreachable_node_removes_it()
    {
        var (systems, _) = await FormAsync(3);
        var victim = systems[2];
        var gone = Cluster.Get(victim).SelfUniqueAddress;
        await _nodes.KillAsync(victim);
        var survivors = systems.Take(2).ToArray();
        await ClusterNodes.Eventually(() => survivors.All(s => Cluster.Get(s).State.Unreachable.Any(m => m.UniqueAddress.Equals(gone))),
            Converge, "the killed node is unreachable");

        Cluster.Get(survivors[1]).Down(gone.Address);

        await ClusterNodes.Eventually(() => survivors.All(s =>
        {
            var state = Cluster.Get(s).State;
            return state.Members.Count == 2 && state.Unreachable.IsEmpty && state.Convergence;
        }), Converge, "the downed node is removed and the survivors converge");
    }

    [Fact]
    public async Task Watchers_of_actors_on_a_member_get_terminated_when_it_is_downed_and_removed_not_when_it_is_merely_unreachable()
    {
        var (systems, _) = await FormAsync(3);
        var victim = systems[2];
        var actor = victim.ActorOf(Props.Create(() => new Silent()), "watched");
        var probe = new TestProbe(systems[0]) { DefaultTimeout = Converge };
        var remote = systems[0].Provider.ResolveActorRef(actor.Path.ToSerializationFormat());
        probe.Watch(remote);
        remote.Tell("ping", probe.Ref);
        probe.ExpectMsg("pong");
        var gone = Cluster.Get(victim).SelfUniqueAddress;

        await _nodes.KillAsync(victim);
        await ClusterNodes.Eventually(() => Cluster.Get(systems[0]).State.Unreachable.Any(m => m.UniqueAddress.Equals(gone)), Converge, "unreachable");
        // The remote watcher's own pause (1 s here) has passed by now; a member is judged by the cluster instead.
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(1500));
        Cluster.Get(systems[0]).Down(gone.Address);

        Assert.True(probe.ExpectTerminated(remote).AddressTerminated);
    }

    [Fact]
    public async Task With_auto_down_on_an_unreachable_node_is_removed_without_an_operator()
    {
        var (systems, _) = await FormAsync(3, "dynamo.cluster.auto-down-unreachable-after = 500ms");
        var gone = Cluster.Get(systems[2]).SelfUniqueAddress;

        await _nodes.KillAsync(systems[2]);

        var survivors = systems.Take(2).ToArray();
        await ClusterNodes.Eventually(() => survivors.All(s =>
        {
            var state = Cluster.Get(s).State;
            return state.Members.Count == 2 && !state.Members.Any(m => m.UniqueAddress.Equals(gone)) && state.Convergence;
        }), Converge, "the unreachable node is auto-downed and removed");
    }

    [Fact]
    public async Task A_partition_makes_each_side_see_the_other_unreachable_until_it_heals()
    {
        var (systems, _) = await FormAsync(4);
        var left = systems.Take(2).ToArray();
        var right = systems.Skip(2).ToArray();

        _nodes.Faults.Partition(left.Select(s => s.Address), right.Select(s => s.Address));

        await ClusterNodes.Eventually(() =>
            left.All(s => right.All(r => Cluster.Get(s).State.Unreachable.Any(m => m.Address == r.Address)))
            && right.All(s => left.All(l => Cluster.Get(s).State.Unreachable.Any(m => m.Address == l.Address))),
            Converge, "each side sees the other unreachable");
        Assert.All(systems, s => Assert.Equal(4, Cluster.Get(s).State.Members.Count));

        _nodes.Faults.HealAll();

        await ClusterNodes.Eventually(() => systems.All(s => Cluster.Get(s).State.Unreachable.IsEmpty && Cluster.Get(s).State.Convergence),
            Converge, "everyone reachable again after the heal");
    }

    [Fact]
    public async Task A_node_with_the_wrong_cookie_never_joins()
    {
        var (systems, ports) = await FormAsync(2);

        var intruder = _nodes.Start(FreePorts.One(), ports, cookie: "not-the-cookie");
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Null(Cluster.Get(intruder).State.SelfStatus);
        Assert.All(systems, s => Assert.DoesNotContain(Cluster.Get(s).State.Members, m => m.Address == intruder.Address));
    }
}
