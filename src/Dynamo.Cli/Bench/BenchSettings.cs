namespace Dynamo.Cli.Bench;

/// <summary>Everything a run is parameterised by, validated by <see cref="BenchCommand"/>.</summary>
public sealed record BenchSettings
{
    /// <summary>The HTTP base addresses of the nodes; clients are spread over them in turn.</summary>
    public required IReadOnlyList<Uri> Nodes { get; init; }

    /// <summary>The operation mix.</summary>
    public required Workload Workload { get; init; }

    /// <summary>Records inserted by the load phase before the run.</summary>
    public required long Records { get; init; }

    /// <summary>Operations measured (after the warm-up); null when the run is bounded by <see cref="Duration"/>.</summary>
    public long? Operations { get; init; }

    /// <summary>How long the measured part runs (after the warm-up); null when bounded by <see cref="Operations"/>.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Concurrent clients, each with at most one operation in flight.</summary>
    public required int Clients { get; init; }

    /// <summary>Bytes of each written value.</summary>
    public required int ValueSize { get; init; }

    /// <summary>How requests pick their record.</summary>
    public required KeyDistribution Distribution { get; init; }

    /// <summary>Operations per second of an open-loop run; null for a closed loop.</summary>
    public double? Rate { get; init; }

    /// <summary>HTTP or the actor protocol.</summary>
    public BenchTransport Transport { get; init; } = BenchTransport.Http;

    /// <summary>
    /// True when the records are in the bucket already (an earlier run with the same records and bucket loaded
    /// them), so the load phase is skipped, as YCSB runs its load and run phases separately.
    /// </summary>
    public bool SkipLoad { get; init; }

    /// <summary>
    /// The bench bucket's object buffer, set during set-up (on or off, whatever the bucket had): with it on,
    /// replicas other than the coordinating one acknowledge writes before they are durable.
    /// </summary>
    public bool ObjectBuffer { get; init; }

    /// <summary>
    /// Whether the clients coordinate by the ring (client-driven coordination); null for the client library's default
    /// on each transport.
    /// </summary>
    public bool? ClientDriven { get; init; }

    /// <summary>Whether the clients coordinate by the ring: as given, else as the client library does by default on the transport.</summary>
    public bool CoordinatesByRing => ClientDriven ?? Transport == BenchTransport.Native;

    /// <summary>Time run before measuring, to warm connections, caches and the JIT; excluded from results.</summary>
    public TimeSpan Warmup { get; init; }

    /// <summary>Where to write the results as JSON; null for none.</summary>
    public string? JsonFile { get; init; }

    /// <summary>The bucket the records live in.</summary>
    public string Bucket { get; init; } = "bench";

    /// <summary>The host name the native transport's actor system listens on and advertises to the nodes.</summary>
    public string ClientHost { get; init; } = "127.0.0.1";

    /// <summary>Seed of the clients' random sources; null for a different run each time.</summary>
    public int? Seed { get; init; }

    /// <summary>True for an open loop (a <see cref="Rate"/> was given).</summary>
    public bool OpenLoop => Rate is not null;

    /// <summary>The mode as the output names it.</summary>
    public string Mode => Rate is { } rate
        ? $"open loop at {rate:0.##} ops/s (latency from each operation's intended start)"
        : "closed loop (each client waits for its previous operation)";
}
