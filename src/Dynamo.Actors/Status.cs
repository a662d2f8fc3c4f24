namespace Dynamo.Actors;

/// <summary>Outcome messages for request/reply: a <see cref="Failure"/> reply fails an Ask with its cause.</summary>
public static class Status
{
    /// <summary>The operation succeeded, optionally with a value.</summary>
    public sealed record Success(object? Value);

    /// <summary>The operation failed with <paramref name="Cause"/>.</summary>
    public sealed record Failure(Exception Cause);
}
