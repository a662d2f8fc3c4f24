using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Dynamo.Server.Http;

/// <summary>Reads a JSON object body, bounded in size, answering 413 or 400 when it is not one.</summary>
public static class JsonBody
{
    /// <summary>The body parsed as a JSON object, or the error answer.</summary>
    public static async Task<(JsonDocument? Document, IResult? Error)> ReadObjectAsync(HttpRequest request, long maxSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var bytes = await RequestBody.ReadAtMostAsync(request, maxSize, cancellationToken);
        if (bytes is null)
        {
            return (null, ApiError.TooLarge("request body", request.ContentLength, maxSize));
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            return (null, ApiError.BadRequest($"bad JSON: {e.Message}"));
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            var kind = document.RootElement.ValueKind;
            document.Dispose();
            return (null, ApiError.BadRequest($"bad JSON: expected an object, got {kind.ToString().ToLowerInvariant()}"));
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (!names.Add(property.Name))
            {
                var duplicate = ApiError.BadRequest($"bad JSON: field '{property.Name}' appears twice");
                document.Dispose();
                return (null, duplicate);
            }
        }
        return (document, null);
    }
}
