using Akka.Configuration;
using Akka.TestKit;

namespace Dynamo.Kv.Tests;

/// <summary>
/// Akka's test kit with every key-value message going through its serializer binding, as it would between nodes
/// (<c>serialize-messages = on</c>). With <c>virtualTime</c> the system's scheduler is Akka's
/// <see cref="TestScheduler"/>: timers fire only when the test calls <see cref="Advance"/>.
/// </summary>
public abstract class KvTestKit(bool virtualTime = false) : Akka.TestKit.Xunit2.TestKit(ConfigFor(virtualTime))
{
    private static readonly Config VirtualTime = ConfigurationFactory.ParseString(
        """akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit" """);

    /// <summary>What a test system of the key-value actors runs with.</summary>
    public static Config ConfigFor(bool virtualTime) =>
        (virtualTime ? VirtualTime : Config.Empty).WithFallback(KvTestConfig.Local);

    /// <summary>
    /// How long a test watches for a message that must not come: actors run on the dispatcher's threads even on
    /// virtual time, so a message sent in reaction to the last step may still be on its way.
    /// </summary>
    protected static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(100);

    /// <summary>Moves the virtual clock forward by <paramref name="by"/>, firing every timer due by then.</summary>
    protected void Advance(TimeSpan by) => ((TestScheduler)Sys.Scheduler).Advance(by);
}
