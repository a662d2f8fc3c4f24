using static Dynamo.Actors.Cluster.Tests.TestNodes;

namespace Dynamo.Actors.Cluster.Tests;

public class MembershipSimulationTests
{
    private const int MaxRounds = 25;

    private static readonly UniqueAddress[] Nodes = [.. Enumerable.Range(1, 5).Select(i => Node(i))];

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 20)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Five_nodes_join_through_seeds_converge_then_one_leaves_and_one_is_downed(int seed)
    {
        var sim = new SimulatedCluster(seed);
        var random = new Random(seed);
        sim.StartFirstSeed(Nodes[0]);
        for (int i = 1; i < Nodes.Length; i++)
        {
            // Any node that has already joined can serve as a seed.
            sim.JoinVia(Nodes[i], Nodes[random.Next(i)]);
            sim.RunRounds(1);
        }
        sim.RunUntil(() => AllAgree(sim, sim.Running, m => m.Count == 5 && m.All(x => x.Status == MemberStatus.Up)), MaxRounds, "5 Up everywhere");
        Assert.All(sim.Running, n => Assert.Equal(Nodes[0], sim[n].Leader));
        Assert.Equal(Enumerable.Range(1, 5), sim[Nodes[2]].Members.Select(m => m.UpNumber).Order());

        var leaver = Nodes[3];
        sim.Update(leaver, s => s.Leave(leaver.Address));
        var others = sim.Running.Where(n => !n.Equals(leaver)).ToList();
        sim.RunUntil(() => others.All(n => !sim[n].LatestGossip.HasMember(leaver) && sim[n].LatestGossip.Tombstones.ContainsKey(leaver)),
            MaxRounds, "the leaver removed everywhere");
        Assert.Equal(MemberStatus.Exiting, sim[leaver].SelfMember!.Status);
        sim.Stop(leaver);
        Assert.Equal(
            [typeof(MemberJoined), typeof(MemberUp), typeof(MemberLeft), typeof(MemberExited), typeof(MemberRemoved)],
            sim.EventsAt(Nodes[0]).OfType<MemberEvent>().Where(e => e.Member.UniqueAddress.Equals(leaver)).Select(e => e.GetType()));

        var lost = Nodes[2];
        sim.Isolate(lost);
        sim.Update(Nodes[1], s => s.MarkUnreachable(Nodes[1], lost));
        var survivors = sim.Running.Where(n => !n.Equals(lost)).ToList();
        sim.RunUntil(() => survivors.All(n => !sim[n].LatestGossip.Reachability.IsReachable(lost)), MaxRounds, "the lost node unreachable everywhere");
        Assert.All(survivors, n => Assert.False(sim[n].Convergence(), "an unreachable Up member must block convergence"));

        sim.Update(Nodes[4], s => s.Down(lost.Address));
        sim.RunUntil(() => AllAgree(sim, survivors, m => m.Count == 3 && m.All(x => x.Status == MemberStatus.Up && !x.UniqueAddress.Equals(lost))),
            MaxRounds, "the downed node removed everywhere");
        Assert.All(survivors, n => Assert.True(sim[n].LatestGossip.Reachability.IsAllReachable));
        Assert.Equal(
            ["UnreachableMember", "MemberDowned", "MemberRemoved"],
            sim.EventsAt(Nodes[0]).Where(e => e is MemberEvent m && m.Member.UniqueAddress.Equals(lost) && m is not MemberUp and not MemberJoined
                    || e is ReachabilityEvent r && r.Member.UniqueAddress.Equals(lost))
                .Select(e => e.GetType().Name));
    }

    private static bool AllAgree(SimulatedCluster sim, IEnumerable<UniqueAddress> nodes, Func<IReadOnlyCollection<Member>, bool> membersOk)
    {
        var states = nodes.Select(n => sim[n]).ToList();
        return states.All(s => membersOk(s.Members) && s.Convergence())
            && states.All(s => s.LatestGossip.Version.Equals(states[0].LatestGossip.Version));
    }
}
