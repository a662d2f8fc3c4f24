using Akka.Actor;
using Akka.Cluster.Routing;
using Akka.Routing;
using Dynamo.Kv.Routing;

namespace Dynamo.Kv.Hosting;

/// <summary>
/// How a member that does not run the store reaches it: Akka's cluster-aware group router over the request routers
/// (<see cref="KvPaths.Router"/>) of the reachable members with the store's role. Any of them coordinates a request
/// (it forwards to a replica when it holds none), so the proxy spreads requests round robin and adds nothing of
/// its own; the reply goes straight back to the asker.
/// </summary>
public static class StoreProxy
{
    /// <summary>Name of the proxy under /user.</summary>
    public const string Name = "dynamo-proxy";

    /// <summary>Props of the proxy over the members with <paramref name="storeRole"/>.</summary>
    public static Props Props(string storeRole)
    {
        ArgumentException.ThrowIfNullOrEmpty(storeRole);
        // totalInstances only bounds the routees; one per store member is all there can be.
        var settings = new ClusterRouterGroupSettings(
            totalInstances: int.MaxValue,
            routeesPaths: [KvPaths.Router],
            allowLocalRoutees: false,
            useRole: storeRole);
        return Akka.Actor.Props.Empty.WithRouter(new ClusterRouterGroup(new RoundRobinGroup([KvPaths.Router]), settings));
    }
}
