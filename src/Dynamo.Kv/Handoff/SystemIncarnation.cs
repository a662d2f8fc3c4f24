using Akka.Actor;
using Akka.Remote;

namespace Dynamo.Kv.Handoff;

/// <summary>The uid of one start of an actor system: the remoting uid members know each other by.</summary>
public static class SystemIncarnation
{
    /// <summary>The incarnation uid of <paramref name="system"/>.</summary>
    public static long Of(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return AddressUidExtension.Uid(system);
    }
}
