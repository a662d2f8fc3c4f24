namespace Dynamo.Cli;

/// <summary>What one member answered when a command asked every member, or why it did not.</summary>
/// <typeparam name="T">What was asked for.</typeparam>
/// <param name="Address">The member's address.</param>
/// <param name="HttpEndpoint">Where it was asked, null when its HTTP endpoint is not known.</param>
/// <param name="Value">Its answer, null when it did not answer.</param>
/// <param name="Error">Why it did not answer, null when it did.</param>
public sealed record MemberAnswer<T>(string Address, string? HttpEndpoint, T? Value, string? Error) where T : class
{
    /// <summary>Whether the member answered.</summary>
    public bool Answered => Value is not null;
}
