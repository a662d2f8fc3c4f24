using System.Text.Json;

namespace Dynamo.Client;

/// <summary>
/// Reads the typed sections out of a <c>/stats</c> document one at a time, so one section that is late (the server
/// writes <c>{"error": "..."}</c> in its place), absent or malformed costs only that section.
/// </summary>
internal static class DynamoStatsReader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The typed view of <paramref name="root"/>, which must be a JSON object.</summary>
    public static DynamoStats Read(JsonElement root)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        return new DynamoStats(root)
        {
            Node = Section<DynamoNodeStats>(root, "node", errors),
            Requests = Section<Dictionary<string, IReadOnlyDictionary<string, long>>>(root, "requests", errors)
                ?? new Dictionary<string, IReadOnlyDictionary<string, long>>(),
            Coordinated = Section<Dictionary<string, IReadOnlyDictionary<string, long>>>(root, "coordinated", errors),
            Latency = Section<Dictionary<string, DynamoLatency>>(root, "latency", errors) ?? new Dictionary<string, DynamoLatency>(),
            Hints = Section<DynamoHintStats>(root, "hints", errors),
            ReadRepair = Section<DynamoReadRepairStats>(root, "readRepair", errors),
            Handoff = Section<DynamoHandoffStats>(root, "handoff", errors),
            ObjectBuffer = Section<DynamoObjectBufferStats>(root, "objectBuffer", errors),
            AntiEntropy = Section<DynamoAntiEntropyStats>(root, "antiEntropy", errors),
            SectionErrors = errors,
        };
    }

    private static T? Section<T>(JsonElement root, string name, Dictionary<string, string> errors) where T : class
    {
        if (!root.TryGetProperty(name, out var section) || section.ValueKind == JsonValueKind.Null)
        {
            errors[name] = $"the node's /stats has no '{name}' section";
            return null;
        }
        if (section.ValueKind == JsonValueKind.Object && section.TryGetProperty("error", out var error))
        {
            errors[name] = error.ValueKind == JsonValueKind.String ? error.GetString() ?? "" : error.GetRawText();
            return null;
        }
        try
        {
            return section.Deserialize<T>(Json) ?? throw new JsonException("it is null");
        }
        catch (JsonException e)
        {
            errors[name] = $"the '{name}' section is not the expected JSON: {e.Message}";
            return null;
        }
    }
}
