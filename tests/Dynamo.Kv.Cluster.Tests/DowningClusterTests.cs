using Akka.Cluster;
using Akka.Configuration;
using Dynamo.Kv.Membership;
using static Dynamo.Kv.Cluster.Tests.Eventually;

namespace Dynamo.Kv.Cluster.Tests;

/// <summary>
/// Who removes a member that stopped answering: nobody by default (unreachable is temporary, as in the paper, and an
/// operator downs it), or Akka.Cluster's split brain resolver when a node turns it on.
/// </summary>
public sealed class DowningClusterTests
{
    /// <summary>How long after a member is seen unreachable the resolver has to remove it, and the default must not.</summary>
    private static readonly TimeSpan Span = TimeSpan.FromSeconds(12);

    private static readonly Config KeepMajority = ConfigurationFactory.ParseString("""
        akka.cluster.downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
        akka.cluster.split-brain-resolver { active-strategy = keep-majority, stable-after = 3s }
        """);

    [Fact(Timeout = 120_000)]
    public async Task With_the_keep_majority_resolver_the_two_nodes_left_down_and_remove_the_third_that_was_cut_off()
    {
        await using var nodes = await KvNodes.StartAsync(3, null, KeepMajority);
        var victim = nodes.Running[2];
        var victimAddress = victim.Cluster.SelfAddress;
        await nodes.KillAsync(victim);
        await UntilAsync(() => nodes.Running.All(n => n.Cluster.State.Unreachable.Any(m => m.Address == victimAddress)),
            "the majority sees the stopped node unreachable");

        var deadline = DateTime.UtcNow + Span;
        while (nodes.Running.Any(n => n.Cluster.State.Members.Any(m => m.Address == victimAddress)))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{victimAddress} was not removed within {Span.TotalSeconds:0} s: " +
                    string.Join("; ", nodes.Running.Select(n => $"{n.NodeId}: {string.Join(",", n.Cluster.State.Members)}")));
            await Task.Delay(100);
        }
        Assert.All(nodes.Running, n => Assert.Equal(MemberStatus.Up, n.Cluster.SelfMember.Status));
        // The removed node id leaves the ring once the restart grace has passed without it coming back.
        await nodes.AwaitSameRingAsync(2, RingCoordinator.RestartGrace + TimeSpan.FromSeconds(20));
    }

    [Fact(Timeout = 90_000)]
    public async Task Without_a_downing_provider_an_unreachable_member_stays_up_and_in_the_ring()
    {
        await using var nodes = await KvNodes.StartAsync(3);
        var victim = nodes.Running[2];
        var victimAddress = victim.Cluster.SelfAddress;
        var victimId = victim.NodeId;
        await nodes.KillAsync(victim);
        await UntilAsync(() => nodes.Running.All(n => n.Cluster.State.Unreachable.Any(m => m.Address == victimAddress)),
            "the others see the stopped node unreachable");

        var until = DateTime.UtcNow + Span;
        while (DateTime.UtcNow < until)
        {
            foreach (var node in nodes.Running)
            {
                var state = node.Cluster.State;
                var member = state.Members.SingleOrDefault(m => m.Address == victimAddress);
                Assert.True(member is { Status: MemberStatus.Up }, $"{node.NodeId} sees {victimAddress} as {member?.ToString() ?? "no member"}");
                Assert.Contains(state.Unreachable, m => m.Address == victimAddress);
            }
            await Task.Delay(200);
        }
        foreach (var node in nodes.Running)
            Assert.Contains(victimId, (await node.CurrentRingAsync(KvNodes.AskTimeout)).ClaimOrder);
    }
}
