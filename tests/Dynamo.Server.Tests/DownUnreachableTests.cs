using System.Net;
using Akka.Cluster;

namespace Dynamo.Server.Tests;

/// <summary>
/// <c>POST /cluster/down-unreachable</c> on a member of three in this process after another stopped without leaving:
/// the stopped member is downed, and removed, and the reachable one is left alone.
/// </summary>
public sealed class DownUnreachableTests
{
    [Fact(Timeout = 120_000)]
    public async Task Down_unreachable_downs_the_stopped_member_only_and_the_others_remove_it()
    {
        await using var members = await ClusterMembers.StartAsync(3);
        var (survivor, other, victim) = (members.Nodes[0], members.Nodes[1], members.Nodes[2]);
        var victimAddress = victim.Cluster.SelfAddress;
        var client = await members.ServeAsync(survivor);
        await members.KillAsync(victim);
        // Only the stopped member: a live one judged unreachable for a moment on a loaded machine would be downed too.
        await members.UntilAsync(() => Task.FromResult(survivor.Cluster.State.Unreachable.Select(m => m.Address).SequenceEqual([victimAddress])),
            "the survivor to see the stopped member, and only it, unreachable", TimeSpan.FromSeconds(30));

        using var response = await client.PostAsync("/cluster/down-unreachable", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await Api.JsonOf(response);
        Assert.Equal([victimAddress.ToString()], body.GetProperty("downed").EnumerateArray().Select(a => a.GetString()));
        await members.UntilAsync(() => Task.FromResult(members.Nodes.All(n => n.Cluster.State.Members.All(m => m.Address != victimAddress))),
            "both survivors to remove the downed member", TimeSpan.FromSeconds(30));
        Assert.All(members.Nodes, n => Assert.Equal(MemberStatus.Up, n.Cluster.SelfMember.Status));
        Assert.Equal(MemberStatus.Up, survivor.Cluster.State.Members.Single(m => m.Address == other.Cluster.SelfAddress).Status);
    }
}
