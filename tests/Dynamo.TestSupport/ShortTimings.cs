namespace Dynamo.TestSupport;

/// <summary>
/// Akka.Remote and Akka.Cluster timings of a few hundred milliseconds instead of seconds, so that joining,
/// gossip, failure detection and rejoining on the same address fit in a test. HOCON objects merge, so a node's
/// configuration adds its own address and seed nodes to the same <c>akka.remote</c> and <c>akka.cluster</c> sections.
/// </summary>
public static class ShortTimings
{
    /// <summary>The timings as HOCON.</summary>
    public const string Hocon = """
        akka.remote {
          # A node that stopped refuses connections; its address may be dialled again soon after (a restart).
          retry-gate-closed-for = 200ms
          watch-failure-detector { heartbeat-interval = 200ms, acceptable-heartbeat-pause = 2s }
          dot-netty.tcp.connection-timeout = 2s
        }
        akka.cluster {
          seed-node-timeout = 1s
          retry-unsuccessful-join-after = 1s
          gossip-interval = 200ms
          leader-actions-interval = 200ms
          unreachable-nodes-reaper-interval = 200ms
          periodic-tasks-initial-delay = 100ms
          failure-detector {
            heartbeat-interval = 200ms
            acceptable-heartbeat-pause = 2s
            expected-response-after = 500ms
          }
        }
        """;
}
