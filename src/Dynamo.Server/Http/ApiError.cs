using Microsoft.AspNetCore.Http;

namespace Dynamo.Server.Http;

/// <summary>Error answers: a JSON object whose <c>error</c> names the problem, with details as further fields.</summary>
public static class ApiError
{
    /// <summary>An error answer with <paramref name="status"/>.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="error">What went wrong, readable on its own.</param>
    /// <param name="details">Further fields, e.g. <c>answered</c> and <c>needed</c>.</param>
    public static IResult Of(int status, string error, params (string Name, object? Value)[] details)
    {
        var body = new Dictionary<string, object?>(StringComparer.Ordinal) { ["error"] = error };
        foreach (var (name, value) in details)
        {
            body[name] = value;
        }
        return Results.Json(body, statusCode: status);
    }

    /// <summary>400: the request is malformed.</summary>
    public static IResult BadRequest(string error) => Of(StatusCodes.Status400BadRequest, error);

    /// <summary>413: the body is larger than <paramref name="maxSize"/> bytes.</summary>
    public static IResult TooLarge(string what, long? size, long maxSize) =>
        Of(StatusCodes.Status413PayloadTooLarge,
            size is { } s ? $"{what} of {s} bytes exceeds the maximum of {maxSize} bytes" : $"{what} exceeds the maximum of {maxSize} bytes",
            ("size", size), ("maxSize", maxSize));
}
