namespace Dynamo.Client;

/// <summary>
/// Any other refusal: bad input (400), value too large (413), too many siblings (409), a read with no answer in time
/// (503; a write with no answer is a <see cref="DynamoOutcomeUnknownException"/>), the node's own failure (500). The
/// actor client reports the status the HTTP API would have answered.
/// </summary>
public sealed class DynamoRequestException : DynamoException
{
    /// <summary>A refusal with its HTTP status and the store's error text.</summary>
    public DynamoRequestException(int statusCode, string error) : this(statusCode, error, outcomeUnknown: false)
    {
    }

    /// <summary>A refusal with its HTTP status and the store's error text; <paramref name="outcomeUnknown"/> for a write that may have been stored.</summary>
    public DynamoRequestException(int statusCode, string error, bool outcomeUnknown) : base($"{statusCode}: {error}", outcomeUnknown)
    {
        StatusCode = statusCode;
        Error = error;
    }

    /// <summary>The HTTP status (or its equivalent for the actor protocol).</summary>
    public int StatusCode { get; }

    /// <summary>The store's explanation.</summary>
    public string Error { get; }
}
