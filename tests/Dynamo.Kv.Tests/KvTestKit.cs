using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.TestKit;
using Akka.TestKit;
using Dynamo.Kv.Handoff;
using Dynamo.Kv.VNodes;

namespace Dynamo.Kv.Tests;

/// <summary>
/// Akka's test kit with every key-value message going through its serializer binding, as it would between nodes
/// (<c>serialize-messages = on</c>), and vnodes persisting to Akka.Persistence.TestKit's journal (<see cref="Journal"/>),
/// which a test can make hold, fail or reject writes. With <c>virtualTime</c> the system's scheduler is Akka's
/// <see cref="TestScheduler"/>: timers fire only when the test calls <see cref="Advance"/>.
/// </summary>
public abstract class KvTestKit(bool virtualTime = false) : Akka.TestKit.Xunit2.TestKit(ConfigFor(virtualTime))
{
    private static readonly Config VirtualTime = ConfigurationFactory.ParseString(
        """akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit" """);

    /// <summary>What a test system of the key-value actors runs with.</summary>
    public static Config ConfigFor(bool virtualTime) =>
        (virtualTime ? VirtualTime : Config.Empty).WithFallback(VNodeJournal.TestPlugins).WithFallback(KvTestConfig.Local);

    /// <summary>
    /// How long a test watches for a message that must not come: actors run on the dispatcher's threads even on
    /// virtual time, so a message sent in reaction to the last step may still be on its way.
    /// </summary>
    protected static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(100);

    /// <summary>The value cache the test's vnodes share, as a ring manager's vnodes do.</summary>
    protected ValueCache Cache { get; } = new(16 * 1024 * 1024);

    /// <summary>The journal of the test's actor system: passes every write unless told otherwise.</summary>
    protected ITestJournal Journal => VNodeJournal.Of(Sys);

    /// <summary>Props of a vnode of this system on <see cref="Cache"/>.</summary>
    protected Props VNodeProps(string node, int partition, HandoffWiring? handoff = null, VNodeSettings? settings = null, ValueCache? cache = null, bool owner = true) =>
        VNode.Props(node, partition, settings ?? new VNodeSettings(), cache ?? Cache, handoff, owner);

    /// <summary>
    /// Stops <paramref name="actor"/> and waits until it has stopped, so that an actor started after it on the same
    /// persistence id (a restart, as the tests play it) never overlaps it.
    /// </summary>
    protected void Stop(IActorRef actor)
    {
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        Unwatch(actor);
    }

    /// <summary>Moves the virtual clock forward by <paramref name="by"/>, firing every timer due by then.</summary>
    protected void Advance(TimeSpan by) => ((TestScheduler)Sys.Scheduler).Advance(by);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Cache.Dispose();
    }
}
