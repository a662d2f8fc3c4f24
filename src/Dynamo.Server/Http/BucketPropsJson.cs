using System.Text.Json;
using Dynamo.Protocol;

namespace Dynamo.Server.Http;

/// <summary>
/// The JSON form of bucket properties: <c>{"n": 3, "r": 2, "w": 2, "conflicts": "siblings", "pw": 0, "pr": 0, "object_buffer": false}</c>,
/// conflicts being <c>siblings</c> or <c>last-write-wins</c>, pw and pr the primaries (not fallbacks)
/// a write or read needs (0 for none), object_buffer whether replicas other than the coordinating one
/// acknowledge before their write is durable. A PUT may give any subset; the
/// others keep their current values.
/// </summary>
public static class BucketPropsJson
{
    /// <summary>The fields a body may hold.</summary>
    public static readonly IReadOnlyList<string> Fields = ["n", "r", "w", "conflicts", "pw", "pr", "object_buffer"];

    /// <summary>The JSON object of <paramref name="props"/>.</summary>
    public static Dictionary<string, object> Render(BucketProps props)
    {
        ArgumentNullException.ThrowIfNull(props);
        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["n"] = props.N,
            ["r"] = props.R,
            ["w"] = props.W,
            ["conflicts"] = props.Conflicts == ConflictMode.LastWriteWins ? "last-write-wins" : "siblings",
            ["pw"] = props.Pw,
            ["pr"] = props.Pr,
            ["object_buffer"] = props.ObjectBuffer,
        };
    }

    /// <summary>
    /// <paramref name="current"/> with the fields of <paramref name="body"/> applied, or the
    /// problem: an unknown field, a value of the wrong type, or n, r, w out of range.
    /// </summary>
    public static (BucketProps? Props, string? Problem) Apply(BucketProps current, JsonElement body)
    {
        ArgumentNullException.ThrowIfNull(current);
        var props = current.Clone();
        foreach (var field in body.EnumerateObject())
        {
            var problem = field.Name switch
            {
                "n" => TryCount(field, v => props.N = v),
                "r" => TryCount(field, v => props.R = v),
                "w" => TryCount(field, v => props.W = v),
                "conflicts" => TryConflicts(field, props),
                "pw" => TryCount(field, v => props.Pw = v, minimum: 0),
                "pr" => TryCount(field, v => props.Pr = v, minimum: 0),
                "object_buffer" => TryFlag(field, v => props.ObjectBuffer = v),
                _ => $"unknown bucket property '{field.Name}' (expected {string.Join(", ", Fields)})",
            };
            if (problem is not null)
            {
                return (null, problem);
            }
        }
        var range = props.R > props.N ? $"r must be between 1 and n ({props.N}), but was {props.R}"
            : props.W > props.N ? $"w must be between 1 and n ({props.N}), but was {props.W}"
            : props.Pw > props.N ? $"pw must be between 0 and n ({props.N}), but was {props.Pw}"
            : props.Pr > props.N ? $"pr must be between 0 and n ({props.N}), but was {props.Pr}"
            : null;
        return range is null ? (props, null) : (null, range);
    }

    private static string? TryCount(JsonProperty field, Action<uint> set, int minimum = 1)
    {
        if (field.Value.ValueKind != JsonValueKind.Number || !field.Value.TryGetInt64(out var value))
        {
            return $"{field.Name} must be an integer, but was {field.Value.GetRawText()}";
        }
        if (value < minimum || value > int.MaxValue)
        {
            return $"{field.Name} must be at least {minimum}, but was {value}";
        }
        set((uint)value);
        return null;
    }

    private static string? TryFlag(JsonProperty field, Action<bool> set)
    {
        if (field.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return $"{field.Name} must be true or false, but was {field.Value.GetRawText()}";
        }
        set(field.Value.GetBoolean());
        return null;
    }

    private static string? TryConflicts(JsonProperty field, BucketProps props)
    {
        var text = field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString() : null;
        switch (text)
        {
            case "siblings":
                props.Conflicts = ConflictMode.Siblings;
                return null;
            case "last-write-wins":
                props.Conflicts = ConflictMode.LastWriteWins;
                return null;
            default:
                return $"conflicts must be \"siblings\" or \"last-write-wins\", but was {field.Value.GetRawText()}";
        }
    }
}
