using Dynamo.Actors;
using Dynamo.Actors.Remote;

namespace Dynamo.Kv.Handoff;

/// <summary>The uid of one start of an actor system: the remoting uid members know each other by, or for a local-only system the root's uid.</summary>
public static class SystemIncarnation
{
    /// <summary>The incarnation uid of <paramref name="system"/>.</summary>
    public static long Of(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.Provider is RemoteActorRefProvider remote ? remote.Uid : system.Provider.RootGuardian.Path.Uid;
    }
}
