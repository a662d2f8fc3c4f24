using System.Text.Json;

namespace Dynamo.Client;

/// <summary>
/// A node's <c>GET /stats</c>: the document as it came (<see cref="Raw"/>, whose sections grow with the server) and a
/// typed view of the sections operators read. A section the node could not fill (it carries <c>{"error": "..."}</c>),
/// or that is missing or malformed, is null here and named in <see cref="SectionErrors"/> with the reason.
/// </summary>
/// <param name="Raw">The whole document, detached from any parser so it needs no disposing.</param>
public sealed record DynamoStats(JsonElement Raw)
{
    /// <summary>The <c>node</c> section: id, storage plugin, owned partitions, start time.</summary>
    public DynamoNodeStats? Node { get; init; }

    /// <summary>The <c>requests</c> section: HTTP requests per operation, then per status code (as text).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Requests { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, long>>();

    /// <summary>
    /// The <c>coordinated</c> section: the get, put and delete requests the node answered (coordinated, or refused
    /// itself), per operation, then per outcome (<c>ok</c>, <c>not_found</c>, <c>quorum_failed</c>, <c>unknown</c>,
    /// <c>timeout</c>, ...): the counts its <c>/metrics</c> exports as <c>dynamo_requests_total</c>. Null when the node
    /// could not report it.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>>? Coordinated { get; init; }

    /// <summary>The <c>latency</c> section: percentiles per operation.</summary>
    public IReadOnlyDictionary<string, DynamoLatency> Latency { get; init; } = new Dictionary<string, DynamoLatency>();

    /// <summary>The <c>hints</c> section, null when the node could not report it.</summary>
    public DynamoHintStats? Hints { get; init; }

    /// <summary>The <c>readRepair</c> section, null when the node could not report it.</summary>
    public DynamoReadRepairStats? ReadRepair { get; init; }

    /// <summary>The <c>objectBuffer</c> section, null when the node could not report it.</summary>
    public DynamoObjectBufferStats? ObjectBuffer { get; init; }

    /// <summary>The <c>handoff</c> section, null when the node could not report it.</summary>
    public DynamoHandoffStats? Handoff { get; init; }

    /// <summary>The <c>antiEntropy</c> section, null when the node could not report it.</summary>
    public DynamoAntiEntropyStats? AntiEntropy { get; init; }

    /// <summary>Why a typed section is absent, by its JSON name (e.g. <c>hints</c>): the node's own error, or what was wrong with it.</summary>
    public IReadOnlyDictionary<string, string> SectionErrors { get; init; } = new Dictionary<string, string>();
}
