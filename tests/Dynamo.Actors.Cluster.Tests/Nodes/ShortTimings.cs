namespace Dynamo.Actors.Cluster.Tests.Nodes;

/// <summary>
/// Remoting and cluster timings of a few hundred milliseconds instead of Akka's seconds, so that associating,
/// joining, gossip and failure detection fit in a test. HOCON objects merge, so a node's configuration adds its
/// own address, cookie and seed nodes to the same <c>dynamo.remote</c> and <c>dynamo.cluster</c> sections.
/// </summary>
internal static class ShortTimings
{
    /// <summary>The timings as HOCON.</summary>
    public const string Hocon = """
        dynamo.remote {
          backoff-min = 50ms
          backoff-max = 300ms
          handshake-timeout = 2s
          heartbeat-interval = 200ms
          idle-timeout = 3s
          watch-failure-detector { heartbeat-interval = 200ms, acceptable-heartbeat-pause = 1s }
        }
        dynamo.cluster {
          seed-node-timeout = 1s
          gossip-interval = 200ms
          leader-actions-interval = 200ms
          unreachable-nodes-reaper-interval = 200ms
          periodic-tasks-initial-delay = 100ms
          failure-detector {
            heartbeat-interval = 200ms
            acceptable-heartbeat-pause = 1s
            expected-response-after = 500ms
          }
        }
        """;
}
