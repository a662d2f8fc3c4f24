using Akka.Actor;
using Akka.TestKit;
using Dynamo.Core.Causality;
using Dynamo.Core.Siblings;
using Dynamo.Kv.Coordination;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Tests;

/// <summary>Probes that play a coordinator's replicas: they answer with the request id of what they received.</summary>
internal static class ReplicaAnswers
{
    /// <summary>
    /// Answers the last request <paramref name="replica"/> received with <paramref name="reply"/>, carrying that request's id,
    /// as a vnode does.
    /// </summary>
    public static void Answer(this TestProbe replica, IReplicaReply reply)
    {
        var request = Assert.IsAssignableFrom<IReplicaRequest>(replica.LastMessage);
        replica.Reply(For(request.RequestId, reply));
    }

    /// <summary>An object holding one text value, written by <paramref name="writer"/>, as a replica stores it.</summary>
    public static SiblingSet Stored(string text, string writer) =>
        SiblingSet.Empty.Update(CausalContext.Empty, new Sibling(System.Text.Encoding.UTF8.GetBytes(text), SiblingMetadata.Value(1, "text/plain")), writer);

    /// <summary><paramref name="reply"/> answering request <paramref name="requestId"/>.</summary>
    public static IReplicaReply For(long requestId, IReplicaReply reply) => reply switch
    {
        ReplicaGetResult r => r with { RequestId = requestId },
        ReplicaPutAck a => a with { RequestId = requestId },
        CoordinatedPutAck a => a with { RequestId = requestId },
        CoordinatedPutRefused r => r with { RequestId = requestId },
        VNodeFailure f => f with { RequestId = requestId },
        _ => throw new ArgumentException($"Not a replica's answer: {reply.GetType().Name}.", nameof(reply)),
    };

    /// <summary>A read of key <c>k</c> (R = 1) from one replica, <paramref name="replica"/>, partition 0 of node b.</summary>
    public static ReadPlan OneReplicaRead(TestProbe replica) =>
        new("bucket", "k"u8.ToArray(), 1, false, [new ReplicaTarget("b", 0, replica.Ref)], TimeSpan.FromSeconds(5));

    /// <summary>Starts <paramref name="coordinator"/> on a host of its own and returns the host, which the replicas answer.</summary>
    public static IActorRef Coordinate(this ActorSystem system, Coordinator coordinator)
    {
        var host = system.ActorOf(CoordinatorHost.Props());
        host.Tell(coordinator);
        return host;
    }

    /// <summary>How many coordinators <paramref name="host"/> runs, asked through <paramref name="probe"/>.</summary>
    public static int Running(this IActorRef host, TestProbe probe)
    {
        host.Tell(CoordinatorHost.CountRunning.Instance, probe.Ref);
        return probe.ExpectMsg<int>();
    }
}
