using Akka.Actor;
using Akka.Cluster.Tools.Client;

namespace Dynamo.Kv.Hosting;

/// <summary>
/// How actor systems that are no cluster members reach the store: Akka's <see cref="ClusterClient"/> talks to the
/// <see cref="ClusterClientReceptionist"/> at <c>/system/receptionist</c> of any member, which hands each request to
/// the service registered under the request's path.
/// </summary>
public static class ClusterClientEntry
{
    /// <summary>
    /// Registers a node's request router with the receptionist, so a client's
    /// <c>ClusterClient.Send("/user/kv", request)</c> reaches it. Starting the receptionist extension here, rather than
    /// from <c>akka.extensions</c>, ties it to the router: a member that runs no store serves no clients. The router
    /// is registered under its own path, so the node forwards to the request's coordinator exactly as for a request
    /// that arrived over HTTP.
    /// </summary>
    public static void Register(ActorSystem system, IActorRef router)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(router);
        ClusterClientReceptionist.Get(system).RegisterService(router);
    }
}
