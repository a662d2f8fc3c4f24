using Dynamo.Actors;
using Dynamo.Actors.Cluster;

namespace Dynamo.Cluster.TestNode;

/// <summary>Prints each cluster event as one line, <c>EventName address</c>, for the parent test to read.</summary>
public sealed class EventPrinter : ReceiveActor
{
    /// <summary>Creates the printer.</summary>
    public EventPrinter()
    {
        Receive<MemberEvent>(e => Print(e.GetType().Name, e.Member.Address));
        Receive<ReachabilityEvent>(e => Print(e.GetType().Name, e.Member.Address));
        Receive<LeaderChanged>(e => Print(nameof(LeaderChanged), e.Leader));
    }

    private static void Print(string name, Address? address)
    {
        lock (Console.Out)
        {
            Console.WriteLine($"{name} {address}");
            Console.Out.Flush();
        }
    }
}
