namespace Dynamo.Client;

/// <summary>A request the store refused or could not complete.</summary>
public abstract class DynamoException : Exception
{
    /// <summary>An exception with a message naming the problem.</summary>
    protected DynamoException(string message) : base(message)
    {
    }

    /// <summary>An exception with a message naming the problem, for a write whose outcome may be unknown.</summary>
    protected DynamoException(string message, bool outcomeUnknown) : base(message) => OutcomeUnknown = outcomeUnknown;

    /// <summary>
    /// True for a write that may have been stored although it failed (a quorum missed after a replica stored it,
    /// or no answer in time): a later read may see it. False means it was not stored (or the request was no write).
    /// </summary>
    public bool OutcomeUnknown { get; }
}
