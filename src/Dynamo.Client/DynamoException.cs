namespace Dynamo.Client;

/// <summary>A request the store refused or could not complete.</summary>
public abstract class DynamoException : Exception
{
    /// <summary>An exception with a message naming the problem.</summary>
    protected DynamoException(string message) : base(message)
    {
    }
}
